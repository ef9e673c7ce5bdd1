/**
 * Property: the loader never throws, whatever is done to a valid plan. It returns a plan
 * or diagnostics, and every diagnostic has a code and a message.
 */
import fc from 'fast-check';
import { parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../../src/io/load-plan.js';
import { readText } from '../helpers.js';

const SOURCES = ['reference', 'fixed-ppa-colo', 'colo-majority', 'gpu-cloud-loan'].map((n) => readText(`fixtures/plans/${n}.yaml`));

/** All collection nodes of a document, to pick mutation targets from. */
function collections(doc: ReturnType<typeof parseDocument>): Node[] {
  const out: Node[] = [];
  const walk = (n: unknown) => {
    if (isMap(n)) {
      out.push(n);
      n.items.forEach((p) => walk(p.value));
    } else if (isSeq(n)) {
      out.push(n);
      n.items.forEach(walk);
    }
  };
  walk(doc.contents);
  return out;
}

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double(),
  fc.constantFrom('NaN', '.inf', '-.inf', '1e400', '2027-13', '2027-01', '', 'x'.repeat(200), '__proto__', '0x1F', '1'.repeat(30)),
  fc.string(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
);

const mutation = fc.record({
  source: fc.nat(SOURCES.length - 1),
  target: fc.nat(),
  slot: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'add-key', 'duplicate-item'),
  key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('id', 'site', 'units', 'start', 'kind', 'constructor')),
  value: junk,
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(m: Mutation): string {
  const doc = parseDocument(SOURCES[m.source]!);
  const targets = collections(doc);
  const target = targets[m.target % targets.length]!;
  if (isMap(target) && target.items.length > 0) {
    const pair = target.items[m.slot % target.items.length]!;
    if (m.kind === 'replace') pair.value = doc.createNode(m.value);
    else if (m.kind === 'delete') target.items.splice(m.slot % target.items.length, 1);
    else if (m.kind === 'add-key') target.set(m.key, doc.createNode(m.value));
    else if (isScalar(pair.key)) pair.value = doc.createNode([m.value, m.value]);
  } else if (isSeq(target) && target.items.length > 0) {
    const index = m.slot % target.items.length;
    if (m.kind === 'replace') target.items[index] = doc.createNode(m.value);
    else if (m.kind === 'delete') target.items.splice(index, 1);
    else target.items.push(target.items[index]);
  }
  return doc.toString();
}

describe('loader robustness', () => {
  it('never throws on a mutated plan', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const text = mutate(m);
        const result = loadPlanText(text, 'mutated.yaml');
        expect(result.plan !== undefined || result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        for (const d of result.diagnostics) {
          expect(d.code).toMatch(/^[a-z0-9-]+$/);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 20270101 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const result = loadPlanText(text, 'random.yaml');
        expect(result.plan).toBeUndefined();
        expect(result.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('keeps Object.prototype clean', () => {
    loadPlanText('__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n', 'p.yaml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
