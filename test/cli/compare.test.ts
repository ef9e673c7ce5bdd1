/**
 * `hashpivot compare` as a user runs it, on the reference plan, in-process through the CLI
 * (test/helpers.ts).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo, runCli } from '../helpers.js';
import { runCompare } from '../../src/cli/commands/compare.js';
import { UsageError } from '../../src/cli/io.js';

const REF = 'fixtures/plans/reference.yaml';

describe('hashpivot compare', () => {
  it('compares base and every scenario in file order by default', async () => {
    const run = await runCli(['compare', REF, '--format', 'json', '--period', 'year']);
    expect(run.exit).toBe(0);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout) as { schema: string; scenarios: string[]; period: string; metrics: Record<string, unknown[]> };
    expect(doc.schema).toBe('hashpivot.compare/1');
    // reference.yaml: scenarios bear, bull, no-ai
    expect(doc.scenarios).toEqual(['base', 'bear', 'bull', 'no-ai']);
    expect(doc.period).toBe('year');
    // 36 months from 2027-01: years 2027, 2028, 2029
    expect(doc.metrics.btc_price_usd!.length).toBe(3);
    expect(Object.keys(doc.metrics)).toEqual(['btc_price_usd', 'mining_mw', 'hosting_mw', 'btc_mined', 'btc_held', 'cash_usd', 'funding_gap_usd']);
  });

  it("bear's BTC price averages 55000.00 in every period (start 55000, growth 0)", async () => {
    const run = await runCli(['compare', REF, '--format', 'csv', '--metrics', 'btc_price_usd', '--period', 'quarter']);
    expect(run.exit).toBe(0);
    const bear = run.stdout.split('\r\n').filter((l) => /,bear,btc_price_usd,/.test(l));
    // 36 months = 12 quarters
    expect(bear.length).toBe(12);
    expect(bear.every((l) => l.endsWith(',bear,btc_price_usd,55000.00'))).toBe(true);
    // base starts at 85000 and grows: its first quarter is above 85000
    const baseQ1 = run.stdout.split('\r\n').find((l) => l.startsWith('2027-Q1,2027-01,2027-03,base,btc_price_usd,'))!;
    expect(Number(baseQ1.split(',').pop())).toBeGreaterThan(85000);
  });

  it('compares only the scenarios listed, in the order listed, base included', async () => {
    const run = await runCli(['compare', REF, '--scenarios', ' no-ai, base ', '--format', 'json', '--metrics', 'hosting_mw', '--period', 'year']);
    expect(run.exit).toBe(0);
    const doc = JSON.parse(run.stdout) as { scenarios: string[]; metrics: { hosting_mw: { values: Record<string, number> }[] } };
    expect(doc.scenarios).toEqual(['no-ai', 'base']);
    // no-ai replaces hosting with []: no hosting MW in any year
    expect(doc.metrics.hosting_mw.map((p) => p.values['no-ai'])).toEqual([0, 0, 0]);
    expect(Object.keys(doc.metrics.hosting_mw[0]!.values)).toEqual(['no-ai', 'base']);
  });

  it('exits 2 for an unknown scenario, with a did-you-mean hint', async () => {
    const run = await runCli(['compare', REF, '--scenarios', 'base,baer']);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'hashpivot: error: unknown scenario `baer` in fixtures/plans/reference.yaml\n  = hint: did you mean `bear`?\n',
    );
  });

  it('exits 2 for a scenario listed twice, an empty list, an unknown metric, format or period', async () => {
    expect((await runCli(['compare', REF, '--scenarios', 'bear,bear'])).exit).toBe(2);
    expect((await runCli(['compare', REF, '--scenarios', ' , '])).exit).toBe(2);
    const metric = await runCli(['compare', REF, '--metrics', 'cash_usd,btc_helf']);
    expect(metric.exit).toBe(2);
    expect(metric.stderr).toContain('--metrics: unknown column "btc_helf" (did you mean "btc_held"?)');
    expect((await runCli(['compare', REF, '--format', 'xml'])).exit).toBe(2);
    expect((await runCli(['compare', REF, '--period', 'week'])).exit).toBe(2);
  });

  it('runCompare throws UsageError for an unknown scenario (main turns it into exit 2)', async () => {
    const { io } = captureIo();
    await expect(runCompare(REF, { scenarios: 'nope' }, io)).rejects.toBeInstanceOf(UsageError);
  });

  it('exits 2 on an invalid plan, diagnostics on stderr', async () => {
    const run = await runCli(['compare', 'fixtures/invalid/negative.yaml']);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error[negative]');
  });

  it('is deterministic, and the table has no ANSI in a pipe but colour on a TTY', async () => {
    const a = await runCli(['compare', REF, '--format', 'json']);
    const b = await runCli(['compare', REF, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toMatch(/[:[,]\s*-?\d+(\.\d+)?[eE]/);
    const pipe = await runCli(['compare', REF, '--period', 'quarter']);
    expect(pipe.stdout).not.toMatch(/\u001b\[/);
    expect(pipe.stdout.split('\n')[0]).toBe('Example Miner - FY2027-2029 base plan · compare base, bear, bull, no-ai · quarterly');
    const tty = await runCli(['compare', REF], { tty: true });
    expect(tty.stdout).toMatch(/\u001b\[/);
    const noColor = await runCli(['compare', REF, '--no-color'], { tty: true });
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
  });

  it('writes --output atomically with the format from the extension, never over the plan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-compare-'));
    const out = join(dir, 'compare.md');
    const run = await runCli(['compare', REF, '--output', out, '--period', 'year']);
    expect(run.exit).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8').startsWith('# Example Miner - FY2027-2029 base plan: scenario comparison\n')).toBe(true);
    expect(readdirSync(dir)).toEqual(['compare.md']);

    const plan = join(dir, 'plan.csv');
    copyFileSync(REF, plan);
    const before = readFileSync(plan, 'utf8');
    const refused = await runCli(['compare', plan, '--output', plan]);
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toContain('refusing to overwrite the input plan');
    expect(existsSync(plan) && readFileSync(plan, 'utf8')).toBe(before);
  });
});
