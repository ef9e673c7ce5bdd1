/**
 * The quick reader (js-yaml events, yaml-fast.ts) against the located one (the `yaml`
 * package, yaml-tree.ts): whenever the quick reader takes a text, the located reader must
 * take it too, with no diagnostic, and build the same tree up to ranges. Checked on every
 * bundled plan, on mutated copies of them (characters YAML gives meaning to, inserted,
 * deleted, re-indented), and on scalars of every style.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STARTER_PLAN } from '../../src/io/starter-plan.js';
import { fastYamlTree } from '../../src/io/yaml-fast.js';
import { parseYamlTree, type LNode } from '../../src/io/yaml-tree.js';

// a longer search: HP_YAML_FAST_RUNS=50000 HP_YAML_FAST_SEED=7 npx vitest run test/io/yaml-fast.test.ts
const RUNS = Number(process.env.HP_YAML_FAST_RUNS ?? 600);
const SEED = Number(process.env.HP_YAML_FAST_SEED ?? 20261122);

const PLAN_FILES = [
  ...readdirSync('fixtures/plans')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join('fixtures/plans', f)),
  '../shared/spec/reference-plan.yaml',
];
/** every bundled plan, the shared reference plan and the plan `hashpivot init` writes */
const PLANS = [...PLAN_FILES.map((f) => readFileSync(f, 'utf8')), STARTER_PLAN];

/** The tree without ranges: what the two readers must agree on. */
function shape(node: LNode | undefined): unknown {
  if (node === undefined) return undefined;
  switch (node.kind) {
    case 'scalar':
      return { value: node.value, numeric: node.numeric };
    case 'seq':
      return node.items.map(shape);
    case 'map':
      return node.entries.map((e) => [e.key, shape(e.value)]);
  }
}

/** Fails when the quick reader takes `text` and the located reader disagrees; true when taken. */
function agree(text: string): boolean {
  const quick = fastYamlTree(text);
  if (quick === undefined) return false;
  const located = parseYamlTree(text, 'plan.yaml');
  expect(located.diagnostics, JSON.stringify(text)).toEqual([]);
  expect(shape(quick), JSON.stringify(text)).toEqual(shape(located.root));
  return true;
}

/** Characters and fragments that mean something to YAML, plus some that should not. */
const FRAGMENTS = [
  ':', ': ', ' ', '  ', '-', '- ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', ', ', '\n', '\n  ', '\r\n', '?', '? ',
  '|', '|-', '>', '>+', '&a ', '*a', '!', '!!str ', '%', '@', '`', '\\', '\\n', '~', 'null', 'Null', 'true', 'False',
  '0x1F', '0o17', '1e3', '-.5', '.inf', '.NaN', '+12', '1_000', '12:30', '2026-01', '---', '...', '\u00a0', '\ufeff',
  'é', '\u2028', '\u0085', '\u0000', '\u001b', '\ud800', '\r', 'a: b', '"a\\x41"', '"\\u00e9\\N\\_"', "'it''s'", '__proto__', 'k',
];

interface Edit {
  readonly at: number;
  readonly kind: 'insert' | 'delete' | 'indent' | 'dup-line';
  readonly fragment: string;
  readonly length: number;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'insert', 'delete', 'indent', 'dup-line'),
  fragment: fc.constantFrom(...FRAGMENTS),
  length: fc.integer({ min: 1, max: 12 }),
});

function applyEdit(text: string, edit: Edit): string {
  const at = edit.at % (text.length + 1);
  switch (edit.kind) {
    case 'insert':
      return text.slice(0, at) + edit.fragment + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'indent': {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      return text.slice(0, lineStart) + ' '.repeat(edit.length % 5) + text.slice(lineStart);
    }
    case 'dup-line': {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at);
      const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd + 1);
      return text.slice(0, lineStart) + line + text.slice(lineStart);
    }
  }
}

describe('fastYamlTree', () => {
  it('takes every bundled plan, and builds the tree the located reader builds', () => {
    for (const text of PLANS) expect(agree(text)).toBe(true);
  });

  it('takes a plan written with CRLF line ends, a byte-order mark or a document start', () => {
    const text = PLANS[0]!;
    for (const variant of [text.replace(/\n/g, '\r\n'), `\ufeff${text}`, `---\n${text}`, `${text}...\n`]) agree(variant);
    expect(fastYamlTree(text.replace(/\n/g, '\r\n'))).toBeDefined();
  });

  it('leaves to the located reader what it reports on or what the readers could read differently', () => {
    const refused = [
      'a: 1\nb: 2\na: 3\n', // duplicate key
      'a: 1\n---\nb: 2\n', // two documents
      '%YAML 1.2\n---\na: 1\n', // a directive
      'a: &x 1\nb: *x\n', // anchor and alias
      'a: !!str 1\n', // a tag
      'a:\n\tb: 1\n', // a tab
      '1: a\n', // a number as a key
      'null: a\n',
      'true: a\n',
      '? [a, b]\n: c\n', // a collection as a key
      '__proto__: 1\n', // a forbidden key
      'a: [1, 2\n', // a syntax error
      '', // no document
      `${'['.repeat(70)}${']'.repeat(70)}\n`, // too deep
    ];
    for (const text of refused) expect(fastYamlTree(text), JSON.stringify(text)).toBeUndefined();
  });

  it('reads plain scalars as the located reader does: null, booleans, numbers (as their text) and text', () => {
    const plain = ['', '~', 'null', 'Null', 'NULL', 'nul', 'true', 'True', 'TRUE', 'tRUE', 'false', 'no', 'yes', '0o17', '0o8',
      '0x1F', '0X1F', '+12', '-.5', '.5', '5.', '1e3', '1E-3', 'e3', '.inf', '-.Inf', '.NaN', '.nan', 'NaN', '1_000', '12:30',
      '2026-01', '85000', '-0', 'abc'];
    for (const text of plain) expect(agree(`k: ${text}\n`), text).toBe(true);
    const value = (text: string) => {
      const root = fastYamlTree(`k: ${text}\n`);
      return root?.kind === 'map' && root.entries[0]!.value.kind === 'scalar' ? root.entries[0]!.value : undefined;
    };
    expect(value('')!.value).toBeNull();
    expect(value('True')!.value).toBe(true);
    expect(value('0x1F')).toMatchObject({ value: '0x1F', numeric: true });
    expect(value('1_000')).toMatchObject({ value: '1_000', numeric: false });
  });

  it('agrees with the located reader on mutated plans', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.nat({ max: PLANS.length - 1 }), fc.array(editArb, { minLength: 1, maxLength: Number(process.env.HP_YAML_FAST_EDITS ?? 4) }), (which, edits) => {
        if (agree(edits.reduce(applyEdit, PLANS[which]!))) taken++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // not vacuous: most small edits leave a readable plan
    expect(taken).toBeGreaterThan(RUNS / 4);
  });

  it('agrees with the located reader on scalars of every style', () => {
    const chars = fc.constantFrom(...'ab01 .-+:#"\'\\\n\r{}[],&*!|>?%@`~eExXoO_é\u00a0\u0085\u2028\u0000\ufeff'.split(''));
    const body = fc.string({ unit: chars, maxLength: 12 });
    const styled = fc.tuple(fc.constantFrom('plain', 'single', 'double', 'literal', 'folded', 'flow'), body).map(([style, s]) => {
      switch (style) {
        case 'plain':
          return `k: ${s}\n`;
        case 'single':
          return `k: '${s}'\n`;
        case 'double':
          return `k: "${s}"\n`;
        case 'literal':
          return `k: |\n  ${s.replace(/\n/g, '\n  ')}\n`;
        case 'folded':
          return `k: >-\n  ${s.replace(/\n/g, '\n  ')}\n`;
        default:
          return `k: [${s}]\n`;
      }
    });
    let taken = 0;
    fc.assert(
      fc.property(styled, (text) => {
        if (agree(text)) taken++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(taken).toBeGreaterThan(RUNS / 4);
  });
});
