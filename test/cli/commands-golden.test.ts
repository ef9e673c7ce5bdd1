/**
 * Golden files for the what-if and CI commands on the fixture plans: compare, check,
 * diff, sweep, explain and validate, byte for byte, no scrubbing; and the JSON Schema that
 * `hashpivot schema` prints (generated from the zod plan schema: pinned so a change to how
 * that schema is built cannot silently change it). Regenerate with
 * UPDATE_GOLDEN=1 after reviewing a deliberate change (git diff test/golden/commands).
 */
import { describe, it } from 'vitest';
import { expectGolden, readText, runCli, type CliRun } from '../helpers.js';

const PLANS = ['reference', 'fixed-ppa-colo', 'colo-majority', 'gpu-cloud-loan'];
const GOLDEN = 'test/golden/commands';
const plan = (name: string) => `fixtures/plans/${name}.yaml`;

/** stdout, then the exit code and stderr when they say something. */
function transcript(run: CliRun): string {
  return run.exit === 0 && run.stderr === '' ? run.stdout : `${run.stdout}--- exit ${run.exit}\n--- stderr\n${run.stderr}`;
}

function compare(name: string, run: CliRun): void {
  expectGolden(GOLDEN, name, transcript(run));
}

// NEW for diff: the reference plan with half the S21 XP fleet and more opening cash.
const REFERENCE_NEXT_QUARTER = readText(plan('reference'))
  .replace('    units: 80000', '    units: 40000')
  .replace('  cash_usd: 350000000', '  cash_usd: 400000000');

describe('command golden files', () => {
  for (const name of PLANS) {
    it(`compare ${name}`, async () => {
      compare(`compare.${name}.quarter.txt`, await runCli(['compare', plan(name), '--period', 'quarter']));
      compare(`compare.${name}.year.json`, await runCli(['compare', plan(name), '--period', 'year', '--format', 'json']));
    });
    it(`check ${name}`, async () => {
      compare(`check.${name}.txt`, await runCli(['check', plan(name)]));
      compare(`check.${name}.github.txt`, await runCli(['check', plan(name), '--format', 'github']));
    });
    it(`explain ${name}`, async () => {
      // the first month of the horizon plus 14: inside every fixture's horizon
      const first = /^start: (\d{4})-(\d{2})/m.exec(readText(plan(name)))!;
      const month = Number(first[1]) * 12 + Number(first[2]) - 1 + 14;
      const text = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
      compare(`explain.${name}.${text}.txt`, await runCli(['explain', plan(name), '--month', text]));
    });
  }

  it('check json on every fixture at once', async () => {
    compare('check.all.json', await runCli(['check', ...PLANS.map(plan), '--format', 'json']));
  });

  it('validate every fixture', async () => {
    compare('validate.all.txt', await runCli(['validate', ...PLANS.map(plan)]));
  });

  it('schema: the JSON Schema of plan format v1', async () => {
    compare('schema.json', await runCli(['schema']));
  });

  it('diff the reference plan against its next quarter', async () => {
    compare('diff.reference.next.quarter.txt', await runCli(['diff', plan('reference'), '-', '--period', 'quarter'], { stdin: REFERENCE_NEXT_QUARTER }));
    compare('diff.reference.next.year.md', await runCli(['diff', plan('reference'), '-', '--period', 'year', '--format', 'md'], { stdin: REFERENCE_NEXT_QUARTER }));
    compare('diff.reference.next.year.json', await runCli(['diff', plan('reference'), '-', '--period', 'year', '--format', 'json'], { stdin: REFERENCE_NEXT_QUARTER }));
    compare('diff.reference.self.txt', await runCli(['diff', plan('reference'), plan('reference')]));
  });

  it('sweep the reference plan: price x network growth -> minimum cash', async () => {
    const grid = ['--vary', 'market.btc_price_usd.start=55000:95000:20000', '--vary', 'market.network_hashrate_ehs.growth_pct_per_year=0:40:20', '--metric', 'cash_usd:min'];
    compare('sweep.reference.txt', await runCli(['sweep', plan('reference'), ...grid]));
    compare('sweep.reference.csv', await runCli(['sweep', plan('reference'), ...grid, '--format', 'csv']));
    compare('sweep.reference.bear.npv.md', await runCli(['sweep', plan('reference'), '--scenario', 'bear', '--vary', 'hosting.hyperscaler-colo.rent_usd_per_kw_month=100:180:40', '--metric', 'npv_usd', '--format', 'md']));
  });
});
