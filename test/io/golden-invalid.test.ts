/**
 * Golden tests: the complete stdout, stderr and exit code of `hashpivot validate` on every
 * fixtures/invalid case, byte for byte. Regenerate with UPDATE_GOLDEN=1 after reviewing a
 * deliberate change of wording.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, runCli, transcript } from '../helpers.js';

const FIXTURES = 'fixtures/invalid';
const GOLDEN = 'test/golden/invalid';

const cases = [...readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')), 'does-not-exist.yaml'].sort();

describe('validate on fixtures/invalid', () => {
  for (const name of cases) {
    it(name, async () => {
      const run = await runCli(['validate', join(FIXTURES, name)]);
      expectGolden(GOLDEN, name.replace(/\.yaml$/, '.txt'), transcript(run));
    });
  }

  it('has one fixture per error and warning code the loader emits', async () => {
    const codes = new Set<string>();
    for (const name of cases) {
      const run = await runCli(['validate', join(FIXTURES, name)]);
      for (const m of run.stderr.matchAll(/(?:error|warning)\[([a-z0-9-]+)\]/g)) codes.add(m[1]!);
    }
    // A fixture is named after the code it shows (`CODE.yaml`, or `CODE.variant.yaml`).
    const expected = cases.map((c) => c.split('.')[0]!).map((c) => (c === 'does-not-exist' ? 'file-not-found' : c));
    for (const code of expected) expect(codes, `fixture for ${code}`).toContain(code);
  });
});
