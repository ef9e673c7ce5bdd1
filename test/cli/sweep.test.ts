/**
 * `hashpivot sweep` in-process (TypeScript sources: chunks run in-process, the worker
 * path is covered by built-cli.test.ts on the built CLI).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/decimal.js';
import { runCli } from '../helpers.js';

const REF = 'fixtures/plans/reference.yaml';
const PRICE = 'market.btc_price_usd.start';
const GROWTH = 'market.network_hashrate_ehs.growth_pct_per_year';
/** The reference plan cut to 4 months (and without its checks, which would then warn): cheap points for grids of 64 and more. */
const SHORT_PLAN = ((text) => text.slice(0, text.indexOf('\nchecks:') + 1))(readFileSync(REF, 'utf8').replace(/^months: 36\b/m, 'months: 4'));

/** The values of one metric in `run --format json` output, as exact decimals (never through a float). */
function monthValues(json: string, name: string): Decimal[] {
  return [...json.matchAll(new RegExp(`"${name}": (-?[0-9.]+)`, 'g'))].map((m) => new Decimal(m[1]!));
}

/** CSV records without the header, fields split (no quoting needed for these). */
function csvRows(csv: string): string[][] {
  return csv.split('\r\n').slice(1, -1).map((line) => line.split(','));
}

describe('hashpivot sweep', () => {
  it('gives, at each point, what run --set gives (min, end and a summary value)', async () => {
    const grid = ['--vary', `${PRICE}=40000:80000:20000`, '--vary', `${GROWTH}=0:20:20`];
    const cashMin = await runCli(['sweep', REF, ...grid, '--metric', 'cash_usd:min', '--format', 'csv']);
    const heldEnd = await runCli(['sweep', REF, ...grid, '--metric', 'btc_held:end', '--format', 'csv', '--scenario', 'bull']);
    const npv = await runCli(['sweep', REF, ...grid, '--metric', 'npv_usd', '--format', 'csv']);
    for (const r of [cashMin, heldEnd, npv]) expect(r.exit, r.stderr).toBe(0);
    expect(csvRows(cashMin.stdout)).toHaveLength(6);

    for (const [price, growth] of [
      ['40000', '0'],
      ['60000', '20'],
      ['80000', '0'],
    ] as const) {
      const sets = ['--set', `${PRICE}=${price}`, '--set', `${GROWTH}=${growth}`];
      const base = await runCli(['run', REF, ...sets, '--format', 'json']);
      const bull = await runCli(['run', REF, ...sets, '--format', 'json', '--scenario', 'bull']);
      expect(base.exit).toBe(0);
      const monthsOnly = (json: string): string => json.slice(0, json.indexOf('"summary"'));
      const cash = monthValues(monthsOnly(base.stdout), 'cash_usd');
      const held = monthValues(monthsOnly(bull.stdout), 'btc_held');
      expect(cash).toHaveLength(36);
      const row = (csv: string): string => csvRows(csv).find((r) => r[0] === price && r[1] === growth)![2]!;
      expect(row(cashMin.stdout)).toBe(cash.reduce((a, b) => (b.lt(a) ? b : a)).toFixed(2));
      expect(row(heldEnd.stdout)).toBe(held[held.length - 1]!.toFixed(8));
      expect(row(npv.stdout)).toBe(monthValues(base.stdout, 'npv_usd')[0]!.toFixed(2));
    }
  });

  it('prints a 2-D table as a matrix: rows = first --vary, columns = second', async () => {
    const run = await runCli(['sweep', REF, '--vary', `${PRICE}=40000:60000:20000`, '--vary', `${GROWTH}=0:10:10`, '--metric', 'cash_usd:min']);
    expect(run.exit).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      'Example Miner - FY2027-2029 base plan · scenario base · cash_usd:min (USD), ' +
        `rows ${PRICE}, columns ${GROWTH}`,
    );
    expect(lines[2]).toMatch(/^start \\ growth_pct_per_year +0 +10$/);
    expect(lines[3]).toMatch(/^─+( +─+){2}$/);
    expect(lines[4]).toMatch(/^ +40000 +-[\d,]+\.\d\d +-[\d,]+\.\d\d$/);
    expect(lines[5]).toMatch(/^ +60000 +-?[\d,]+\.\d\d +-?[\d,]+\.\d\d$/);
    expect(lines).toHaveLength(7); // title, blank, header, rule, 2 rows, final newline
    for (const l of lines) expect(l).toBe(l.trimEnd());
    expect(run.stdout).not.toMatch(/\u001b\[/);

    const csv = await runCli(['sweep', REF, '--vary', `${PRICE}=40000:60000:20000`, '--vary', `${GROWTH}=0:10:10`, '--metric', 'cash_usd:min', '--format', 'csv']);
    const cells = csvRows(csv.stdout).map((r) => r[2]!.replace(/(\d)(?=(\d{3})+\.)/g, '$1,'));
    expect(lines[4]!.trim().split(/ +/).slice(1)).toEqual(cells.slice(0, 2));
    expect(lines[5]!.trim().split(/ +/).slice(1)).toEqual(cells.slice(2, 4));
  });

  it('prints the same matrix in Markdown, and a 1-D sweep as two columns', async () => {
    const md = await runCli(['sweep', REF, '--vary', `${PRICE}=40000:60000:20000`, '--vary', `${GROWTH}=0:10:10`, '--metric', 'cash_usd:min', '--format', 'md']);
    const table = md.stdout.split('\n').filter((l) => l.startsWith('|'));
    expect(table[0]).toBe('| start \\ growth_pct_per_year | 0 | 10 |');
    expect(table[1]).toBe('| ---: | ---: | ---: |');
    expect(table[2]).toMatch(/^\| 40000 \| -[\d,]+\.\d\d \| -[\d,]+\.\d\d \|$/);
    expect(table).toHaveLength(4);

    const oneD = await runCli(['sweep', REF, '--vary', `${PRICE}=40000:60000:20000`, '--metric', 'npv_usd', '--format', 'md']);
    expect(oneD.stdout.split('\n').filter((l) => l.startsWith('|'))[0]).toBe('| start | npv_usd |');
    const csv = await runCli(['sweep', REF, '--vary', `${PRICE}=40000:60000:20000`, '--metric', 'npv_usd', '--format', 'csv']);
    expect(csv.stdout).toMatch(/^market\.btc_price_usd\.start,npv_usd\r\n40000,-\d+\.\d\d\r\n60000,-\d+\.\d\d\r\n$/);
  });

  it('writes a hashpivot.sweep/1 JSON document with plain decimals', async () => {
    const run = await runCli(['sweep', REF, '--vary', `${GROWTH}=0:0.2:0.1`, '--metric', 'btc_held:at=2028-12', '--format', 'json']);
    expect(run.exit).toBe(0);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['schema', 'plan', 'scenario', 'metric', 'reduction', 'unit', 'vary', 'points']);
    expect(doc).toMatchObject({ schema: 'hashpivot.sweep/1', scenario: 'base', metric: 'btc_held', reduction: 'at=2028-12', unit: 'btc' });
    expect(run.stdout).toContain(`"path": "${GROWTH}",\n      "values": [\n        0,\n        0.1,\n        0.2\n      ]`);
    expect(run.stdout).toMatch(/"result": \d+\.\d{8}\n/);
    expect((doc.points as unknown[]).length).toBe(3);
    expect(run.stdout).not.toMatch(/[:[,]\s*-?\d+(\.\d+)?[eE]/);
    const summary = await runCli(['sweep', REF, '--vary', `${GROWTH}=0:0:1`, '--metric', 'npv_usd', '--format', 'json']);
    expect(JSON.parse(summary.stdout)).toMatchObject({ metric: 'npv_usd', reduction: null, unit: 'usd' });
  });

  it('gives identical output whatever --jobs says (chunks assembled by index)', async () => {
    const args = ['sweep', '-', '--vary', `${PRICE}=40000:110000:10000`, '--vary', `${GROWTH}=0:35:5`, '--metric', 'cash_usd:min', '--format', 'csv'];
    const one = await runCli([...args, '--jobs', '1'], { stdin: SHORT_PLAN });
    const three = await runCli([...args, '--jobs', '3'], { stdin: SHORT_PLAN });
    expect(one.exit, one.stderr).toBe(0);
    expect(csvRows(one.stdout)).toHaveLength(64);
    expect(three.stdout).toBe(one.stdout);
  });

  it('shows progress on a terminal only, and clears it', async () => {
    const args = ['sweep', '-', '--vary', `${PRICE}=40000:103000:1000`, '--metric', 'cash_usd:min', '--format', 'csv'];
    const tty = await runCli(args, { stdin: SHORT_PLAN, tty: true });
    const pipe = await runCli(args, { stdin: SHORT_PLAN });
    expect(pipe.stderr).toBe('');
    expect(tty.stdout).toBe(pipe.stdout);
    expect(tty.stderr.startsWith('\rsweep 0/64')).toBe(true);
    expect(tty.stderr).toContain('\rsweep 64/64');
    expect(tty.stderr.endsWith(`\r${' '.repeat('sweep 64/64'.length)}\r`)).toBe(true);
  });

  it('fails fast on a bad path, pointing into the --vary value like --set does', async () => {
    const run = await runCli(['sweep', REF, '--vary', 'market.btc_prise_usd.start=40000:80000:20000', '--metric', 'cash_usd:min']);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      '--vary:1:1: error[scenario-path]: `market.btc_prise_usd.start` names nothing: market has no key `btc_prise_usd`\n' +
        '  |\n' +
        '1 | market.btc_prise_usd.start=40000\n' +
        '  | ^^^^^^^^^^^^^^^^^^^^^^^^^^\n' +
        '  = hint: did you mean `btc_price_usd`?\n',
    );
  });

  it('refuses an unknown metric with a did-you-mean and the valid names', async () => {
    const run = await runCli(['sweep', REF, '--vary', `${PRICE}=1:2:1`, '--metric', 'cash_us:min']);
    expect(run.exit).toBe(2);
    expect(run.stderr).toMatch(/^hashpivot: error: unknown metric `cash_us` \(did you mean `cash_usd`\?\)\n  = hint: valid metrics: btc_price_usd, .*npv_usd/);
  });

  it('refuses bad ranges, too many points, and bad --jobs', async () => {
    const cases: [string[], RegExp][] = [
      [['--vary', `${PRICE}=80000:40000:1000`], /FROM 80000 is above TO 40000/],
      [['--vary', `${PRICE}=40000:80000:0`], /STEP must be more than 0/],
      [['--vary', `${PRICE}=40000:80000`], /--vary expects PATH=FROM:TO:STEP/],
      [['--vary', `${PRICE}=0:1000:1`, '--vary', `${GROWTH}=0:100:1`], /the sweep has 101101 points \(1001 x 101\); at most 100000/],
      [['--vary', `${PRICE}=1:2:1`, '--jobs', 'many'], /--jobs must be a whole number/],
      [[], /sweep needs --vary/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['sweep', REF, ...args, '--metric', 'cash_usd:min']);
      expect(run.exit, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const noMetric = await runCli(['sweep', REF, '--vary', `${PRICE}=1:2:1`]);
    expect(noMetric.exit).toBe(2);
    expect(noMetric.stderr).toContain('sweep needs --metric');
    const outside = await runCli(['sweep', REF, '--vary', `${PRICE}=1:2:1`, '--metric', 'cash_usd:at=2031-01']);
    expect(outside.stderr).toContain('is outside the plan');
  });

  it('names the first point whose plan is invalid (exit 2)', async () => {
    const run = await runCli(['sweep', REF, '--vary', 'treasury.policy.sell_production_pct=80:120:10', '--metric', 'btc_held']);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'hashpivot: error: sweep point treasury.policy.sell_production_pct=110 gives an invalid plan: ' +
        'treasury.policy.sell_production_pct must be at most 100, got 110\n' +
        '  = hint: percent keys are 0..100 (15 means 15%)\n',
    );
    const first = await runCli(['sweep', REF, '--vary', `${PRICE}=-10:10:10`, '--metric', 'cash_usd:min']);
    expect(first.exit).toBe(2);
    expect(first.stderr).toContain('market.btc_price_usd.start must be greater than 0, got -10');
  });

  it('sweeps a scenario, and refuses an unknown one', async () => {
    const bear = await runCli(['sweep', REF, '--scenario', 'bear', '--vary', `${GROWTH}=0:10:10`, '--metric', 'btc_price_usd:max', '--format', 'csv']);
    // bear: price 55000 flat, whatever the hashrate growth
    expect(csvRows(bear.stdout).map((r) => r[1])).toEqual(['55000.00', '55000.00']);
    const unknown = await runCli(['sweep', REF, '--scenario', 'baer', '--vary', `${GROWTH}=0:10:10`, '--metric', 'npv_usd']);
    expect(unknown.exit).toBe(2);
    expect(unknown.stderr).toContain('did you mean `bear`?');
  });
});
