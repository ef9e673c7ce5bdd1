/**
 * `hashpivot diff` as a user runs it. NEW plans are made by text replacement of the
 * reference plan in a temporary directory.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const REF = 'fixtures/plans/reference.yaml';

interface DiffDoc {
  schema: string;
  scenario: string;
  changed: boolean;
  inputs: { path: string; change: string; old: string | null; new: string | null }[];
  summary: Record<string, { old: unknown; new: unknown; delta?: unknown; delta_pct?: unknown }>;
  metrics: Record<string, { old: unknown; new: unknown; delta: unknown; delta_pct: unknown }[]>;
}

/** Writes `text` into a fresh temporary directory; returns its path. */
function tmpPlan(text: string, name = 'new.yaml'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hp-diff-')), name);
  writeFileSync(path, text);
  return path;
}

/** The reference plan with the S21 XP batch halved (80000 -> 40000 units). */
function halvedFleet(): string {
  const text = readFileSync(REF, 'utf8');
  expect(text.match(/units: 80000/g)?.length).toBe(1);
  return tmpPlan(text.replace('units: 80000', 'units: 40000'));
}

describe('hashpivot diff', () => {
  it('a plan against itself: no input changes, every delta zero, "no change", exit 0', async () => {
    const json = await runCli(['diff', REF, REF, '--format', 'json', '--period', 'quarter', '--columns', 'all']);
    expect(json.exit).toBe(0);
    const doc = JSON.parse(json.stdout) as DiffDoc;
    expect(doc.schema).toBe('hashpivot.diff/1');
    expect(doc.changed).toBe(false);
    expect(doc.inputs).toEqual([]);
    for (const [name, s] of Object.entries(doc.summary)) {
      if (name === 'cash_min_month') expect(s.old).toBe(s.new);
      else expect(s.delta).toBe(0);
    }
    const rows = Object.values(doc.metrics).flat();
    // 31 metrics x 12 quarters
    expect(rows.length).toBe(31 * 12);
    expect(rows.every((r) => r.delta === 0)).toBe(true);
    // zero deltas are written as +0 at output places, never -0
    expect(json.stdout).not.toMatch(/"delta": -0/);

    const table = await runCli(['diff', REF, REF]);
    expect(table.exit).toBe(0);
    expect(table.stdout).toContain('No change: the plans have the same inputs and the same results.');
    expect(table.stdout).toContain('Input changes: none');
    expect(table.stdout).toContain('Change by month (new - old): none');
  });

  it('halving fleet.s21xp-2027.units lists exactly that path, and less BTC is mined', async () => {
    const next = halvedFleet();
    const run = await runCli(['diff', REF, next, '--format', 'json']);
    expect(run.exit).toBe(0);
    const doc = JSON.parse(run.stdout) as DiffDoc;
    expect(doc.changed).toBe(true);
    expect(doc.inputs).toEqual([{ path: 'fleet.s21xp-2027.units', change: 'changed', old: '80000', new: '40000' }]);
    const mined = doc.summary.btc_mined_total!;
    expect(mined.delta as number).toBeLessThan(0);
    expect(mined.delta_pct as number).toBeLessThan(0);
    // the batch comes online in 2027-04 (reference.yaml): nothing changes before it
    const minedByMonth = doc.metrics.btc_mined!;
    expect(minedByMonth.slice(0, 3).map((r) => r.delta)).toEqual([0, 0, 0]);
    expect(minedByMonth[3]!.delta as number).toBeLessThan(0);
  });

  it('the delta is new - old digit for digit and the percent is delta / |old| to 2 dp', async () => {
    const run = await runCli(['diff', REF, halvedFleet(), '--format', 'csv', '--period', 'year', '--columns', 'btc_mined']);
    expect(run.exit).toBe(0);
    const records = run.stdout.split('\r\n').filter((l) => l !== '').map((l) => l.split(','));
    expect(records[0]).toEqual(['section', 'period', 'first_month', 'last_month', 'name', 'old', 'new', 'delta', 'delta_pct']);
    expect(records[1]).toEqual(['input', '', '', '', 'fleet.s21xp-2027.units', '80000', '40000', '', '']);
    const metricRows = records.filter((r) => r[0] === 'metric');
    expect(metricRows.map((r) => r[1])).toEqual(['2027', '2028', '2029']);
    for (const r of [...metricRows, records.find((x) => x[4] === 'btc_mined_total')!]) {
      const [oldText, newText, deltaText, pctText] = r.slice(5) as [string, string, string, string];
      // exact decimal check without floats: scale BTC to satoshis as BigInt
      const sats = (t: string): bigint => BigInt(t.replace('.', ''));
      expect(sats(newText) - sats(oldText)).toBe(sats(deltaText));
      // percent rounded to 2 dp: |pct - delta / old * 100| <= 0.005, i.e. in hundredths of a
      // percent (old > 0 here): |pct_h * old - delta * 10000| <= old / 2
      const pctHundredths = BigInt(pctText.replace('.', ''));
      const oldSats = sats(oldText);
      expect(oldSats > 0n).toBe(true);
      const error = pctHundredths * oldSats - sats(deltaText) * 10000n;
      expect(2n * (error < 0n ? -error : error) <= oldSats).toBe(true);
    }
  });

  it('diffs a scenario both plans have, and refuses one that is missing', async () => {
    const bear = await runCli(['diff', REF, halvedFleet(), '--scenario', 'bear', '--format', 'json']);
    expect(bear.exit).toBe(0);
    expect((JSON.parse(bear.stdout) as DiffDoc).scenario).toBe('bear');
    const withoutBull = tmpPlan(readFileSync(REF, 'utf8').replace(/  bull:\n(    .*\n)+/, ''));
    const missing = await runCli(['diff', REF, withoutBull, '--scenario', 'bull']);
    expect(missing.exit).toBe(2);
    expect(missing.stderr).toContain('unknown scenario `bull` in');
    expect(missing.stdout).toBe('');
  });

  it('exits 2 when either plan is invalid, printing the diagnostics of both', async () => {
    const run = await runCli(['diff', 'fixtures/invalid/negative.yaml', 'fixtures/invalid/month-order.yaml']);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error[negative]');
    expect(run.stderr).toContain('error[month-order]');
    expect((await runCli(['diff', REF, 'fixtures/plans/nope.yaml'])).exit).toBe(2);
  });

  it('exits 2 for usage errors: both plans on stdin, an unknown column, format or period', async () => {
    const stdin = await runCli(['diff', '-', '-']);
    expect(stdin.exit).toBe(2);
    expect(stdin.stderr).toContain('only one of OLD and NEW can be `-`');
    expect((await runCli(['diff', REF, REF, '--columns', 'cash'])).exit).toBe(2);
    expect((await runCli(['diff', REF, REF, '--format', 'xlsx'])).exit).toBe(2);
    expect((await runCli(['diff', REF, REF, '--period', 'week'])).exit).toBe(2);
    expect((await runCli(['diff', REF])).exit).toBe(2);
  });

  it('reads one plan from standard input', async () => {
    const run = await runCli(['diff', REF, '-', '--format', 'json'], { stdin: readFileSync(REF, 'utf8') });
    expect(run.exit).toBe(0);
    expect((JSON.parse(run.stdout) as DiffDoc).changed).toBe(false);
  });

  it('fits the default table in 120 columns and is deterministic', async () => {
    const next = halvedFleet();
    const a = await runCli(['diff', REF, next]);
    const b = await runCli(['diff', REF, next]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toMatch(/\u001b\[/);
    expect(Math.max(...a.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(a.stdout).toMatch(/^fleet\.s21xp-2027\.units\s+80000\s+40000$/m);
  });

  it('writes --output atomically and never over either plan', async () => {
    const next = halvedFleet();
    const dir = mkdtempSync(join(tmpdir(), 'hp-diff-out-'));
    const out = join(dir, 'diff.csv');
    const run = await runCli(['diff', REF, next, '--output', out]);
    expect(run.exit).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8').startsWith('section,month,name,old,new,delta,delta_pct\r\n')).toBe(true);
    expect(readdirSync(dir)).toEqual(['diff.csv']);
    const before = readFileSync(next, 'utf8');
    const refused = await runCli(['diff', REF, next, '--format', 'json', '--output', next]);
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toContain('refusing to overwrite the input plan');
    expect(readFileSync(next, 'utf8')).toBe(before);
  });
});
