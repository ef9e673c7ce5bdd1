/**
 * `hashpivot run` as a user runs it: determinism, exit codes, flags, outputs.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const REF = 'fixtures/plans/reference.yaml';

describe('hashpivot run', () => {
  it('gives identical bytes on two runs', async () => {
    const a = await runCli(['run', REF, '--format', 'json']);
    const b = await runCli(['run', REF, '--format', 'json']);
    expect(a.exit).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('prints a versioned JSON document with plain decimals', async () => {
    const run = await runCli(['run', REF, '--format', 'json']);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 4)).toEqual(['schema', 'plan', 'scenario', 'period']);
    expect(doc.schema).toBe('hashpivot.result/1');
    // 36 months in the reference plan (months: 36)
    expect((doc.months as unknown[]).length).toBe(36);
    expect(run.stdout).not.toMatch(/[:[,]\s*-?\d+(\.\d+)?[eE]/);
    // sha256 of the plan file's bytes
    const { createHash } = await import('node:crypto');
    expect((doc.plan as { sha256: string }).sha256).toBe(createHash('sha256').update(readFileSync(REF)).digest('hex'));
  });

  it('has no ANSI escapes in a pipe, and colour only when asked on a TTY', async () => {
    const pipe = await runCli(['run', REF]);
    expect(pipe.stdout).not.toMatch(/\u001b\[/);
    const tty = await runCli(['run', REF], { tty: true });
    expect(tty.stdout).toMatch(/\u001b\[/);
    const noColor = await runCli(['run', REF], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
    const flag = await runCli(['run', REF, '--no-color'], { tty: true });
    expect(flag.stdout).not.toMatch(/\u001b\[/);
  });

  it('fits the default table in 120 columns', async () => {
    const run = await runCli(['run', REF]);
    const widest = Math.max(...run.stdout.split('\n').filter((l) => !/^\s{2,}\S+\s+\S+: /.test(l)).slice(0, 45).map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(120);
  });

  it('reads the plan from standard input with -', async () => {
    const fromFile = await runCli(['run', REF, '--format', 'csv']);
    const fromStdin = await runCli(['run', '-', '--format', 'csv'], { stdin: readFileSync(REF, 'utf8') });
    expect(fromStdin.exit).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('runs a scenario, and --set changes the plan', async () => {
    const base = await runCli(['run', REF, '--format', 'csv', '--columns', 'btc_price_usd']);
    const bear = await runCli(['run', REF, '--format', 'csv', '--columns', 'btc_price_usd', '--scenario', 'bear']);
    // bear: start 55000, growth 0 (reference-plan.yaml scenarios.bear) -> every month 55000.00
    const firstTwo = (csv: string, row: number) => csv.split('\r\n')[row]!.split(',').slice(0, 2).join(',');
    expect(firstTwo(bear.stdout, 1)).toBe('2027-01,55000.00');
    expect(firstTwo(bear.stdout, 36)).toBe('2029-12,55000.00');
    expect(firstTwo(base.stdout, 1)).toBe('2027-01,85000.00');
    const set = await runCli(['run', REF, '--format', 'csv', '--columns', 'btc_price_usd', '--set', 'market.btc_price_usd=70000']);
    expect(firstTwo(set.stdout, 12)).toBe('2027-12,70000.00');
  });

  it('exits 2 with a hint for an unknown scenario, column, format or period', async () => {
    const scenario = await runCli(['run', REF, '--scenario', 'baer']);
    expect(scenario.exit).toBe(2);
    expect(scenario.stderr).toContain('did you mean `bear`?');
    const column = await runCli(['run', REF, '--columns', 'cash,btc_helf']);
    expect(column.exit).toBe(2);
    expect(column.stderr).toContain('btc_held');
    expect(column.stderr).toContain('valid columns:');
    expect((await runCli(['run', REF, '--format', 'xml'])).exit).toBe(2);
    expect((await runCli(['run', REF, '--period', 'week'])).exit).toBe(2);
    expect((await runCli(['run', REF, '--by', 'tenant'])).exit).toBe(2);
    expect((await runCli(['run'])).exit).toBe(2);
  });

  it('exits 2 on an invalid plan and on a bad --set path', async () => {
    const invalid = await runCli(['run', 'fixtures/invalid/negative.yaml']);
    expect(invalid.exit).toBe(2);
    expect(invalid.stderr).toContain('error[negative]');
    expect(invalid.stdout).toBe('');
    const set = await runCli(['run', REF, '--set', 'fleet.nope.units=1']);
    expect(set.exit).toBe(2);
    expect(set.stderr).toContain('--set:1:1: error[scenario-path]');
  });

  it('points a bad --set value at its own argument, numbering the second one', async () => {
    const run = await runCli(['run', REF, '--set', 'fleet.s21xp-2027.units=40000', '--set', 'market.btc_price_usd.start=-20000']);
    expect(run.exit).toBe(2);
    // `market.btc_price_usd.start=` is 27 characters, so the value starts in column 28
    expect(run.stderr).toContain('--set#2:1:28: error[out-of-range]: market.btc_price_usd.start must be greater than 0, got -20000');
    expect(run.stderr).toContain('1 | market.btc_price_usd.start=-20000\n');
  });

  it('applies --set to the plan it runs, whatever other scenarios do to the same path', async () => {
    // scenario no-ai replaces `hosting` with [], so this path names nothing there; run builds base only
    const run = await runCli(['run', REF, '--set', 'hosting.hyperscaler-colo.it_mw=100', '--format', 'csv', '--columns', 'hosting_mw']);
    expect(run.exit).toBe(0);
    // 2027-03: hyperscaler-colo reserves 100 * 1.3 = 130 MW (gpu-cloud-pilot starts in 2027-06)
    expect(run.stdout.split('\r\n')[3]!.startsWith('2027-03,130.000,')).toBe(true);
  });

  it('writes --output atomically, with the format from the extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-run-'));
    const out = join(dir, 'result.csv');
    const run = await runCli(['run', REF, '--output', out]);
    expect(run.exit).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8').startsWith('month,btc_price_usd,')).toBe(true);
    expect(readdirSync(dir)).toEqual(['result.csv']); // no temporary file left behind
  });

  it('leaves an existing output untouched when the run fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-run-'));
    const out = join(dir, 'result.json');
    writeFileSync(out, 'previous results\n');
    const run = await runCli(['run', 'fixtures/invalid/negative.yaml', '--output', out]);
    expect(run.exit).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous results\n');
  });

  it('refuses to overwrite the plan itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-run-'));
    const plan = join(dir, 'plan.md');
    copyFileSync(REF, plan);
    const before = readFileSync(plan, 'utf8');
    const run = await runCli(['run', plan, '--format', 'md', '--output', plan]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('refusing to overwrite the input plan');
    expect(readFileSync(plan, 'utf8')).toBe(before);
    expect(existsSync(plan)).toBe(true);
  });

  it('refuses an output extension it cannot map without --format', async () => {
    const run = await runCli(['run', REF, '--output', join(tmpdir(), 'x.xlsx')]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('.json, .csv, .md or .txt');
  });
});
