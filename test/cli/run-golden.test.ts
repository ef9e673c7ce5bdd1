/**
 * Golden files for `hashpivot run`: every fixture plan x every format x month and quarter,
 * byte for byte, no scrubbing. Regenerate with UPDATE_GOLDEN=1 after reviewing a
 * deliberate change (git diff test/golden/run shows exactly what moved).
 */
import { describe, expect, it } from 'vitest';
import { expectGolden, runCli } from '../helpers.js';

const PLANS = ['reference', 'fixed-ppa-colo', 'colo-majority', 'gpu-cloud-loan'];
const FORMATS = [
  ['table', 'txt'],
  ['json', 'json'],
  ['csv', 'csv'],
  ['md', 'md'],
] as const;
const PERIODS = ['month', 'quarter'];
const GOLDEN = 'test/golden/run';


describe('run golden files', () => {
  for (const plan of PLANS) {
    for (const [format, ext] of FORMATS) {
      for (const period of PERIODS) {
        it(`${plan} ${format} ${period}`, async () => {
          const run = await runCli(['run', `fixtures/plans/${plan}.yaml`, '--format', format, '--period', period]);
          expect(run.stderr).toBe('');
          expect(run.exit).toBe(0);
          expectGolden(GOLDEN, `${plan}.${period}.${ext}`, run.stdout);
        });
      }
    }
  }

  it('reference bear scenario by site, csv', async () => {
    const run = await runCli(['run', 'fixtures/plans/reference.yaml', '--scenario', 'bear', '--format', 'csv', '--by', 'site', '--period', 'year']);
    expect(run.exit).toBe(0);
    expectGolden(GOLDEN, 'reference.bear.by-site.year.csv', run.stdout);
  });

  it('reference by batch, json, quarter', async () => {
    const run = await runCli(['run', 'fixtures/plans/reference.yaml', '--format', 'json', '--by', 'batch', '--period', 'quarter']);
    expect(run.exit).toBe(0);
    expectGolden(GOLDEN, 'reference.by-batch.quarter.json', run.stdout);
  });
});
