import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExplain, type ExplainOptions } from '../../src/cli/commands/explain.js';
import { EXIT, UsageError } from '../../src/cli/io.js';
import { buildProgram } from '../../src/cli/program.js';
import { captureIo, runCli } from '../helpers.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/;

const REFERENCE = resolve('fixtures/plans/reference.yaml');
/** The reference plan runs 36 months from 2027-01. */
const HORIZON = '2027-01..2029-12';

const capture = captureIo;

async function usageError(path: string, options: ExplainOptions): Promise<UsageError> {
  const { io, out } = capture();
  const error = await runExplain(path, options, io).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect(out.stdout).toBe('');
  return error as UsageError;
}

describe('runExplain', () => {
  it('prints the month on stdout, nothing on stderr', async () => {
    const { io, out } = capture();
    expect(await runExplain(REFERENCE, { month: '2028-03' }, io)).toBe(EXIT.ok);
    expect(out.stdout.split('\n')[0]).toBe('Example Miner - FY2027-2029 base plan · scenario base · month 2028-03');
    expect(out.stdout).toMatch(/^ {2}halving +at block 1,050,000/m);
    expect(out.stdout).not.toMatch(ANSI);
    expect(out.stderr).toBe('');
  });

  it('runs the chosen scenario', async () => {
    const { io, out } = capture();
    expect(await runExplain(REFERENCE, { month: '2027-06', scenario: 'bear' }, io)).toBe(EXIT.ok);
    expect(out.stdout.split('\n')[0]).toContain('· scenario bear ·');
    // bear: btc_price_usd start 55000, growth 0 -> 55,000 every month
    expect(out.stdout).toMatch(/^ {2}BTC price +\$55,000\.00 per BTC$/m);
  });

  it('applies --set overrides', async () => {
    const { io, out } = capture();
    expect(await runExplain(REFERENCE, { month: '2028-01', set: ['market.btc_price_usd=60000'] }, io)).toBe(EXIT.ok);
    expect(out.stdout).toMatch(/^ {2}BTC price +\$60,000\.00 per BTC$/m);
  });

  it('reads the plan from standard input with `-`', async () => {
    const { io, out } = capture({ stdin: readFileSync(REFERENCE, 'utf8') });
    expect(await runExplain('-', { month: '2027-01' }, io)).toBe(EXIT.ok);
    expect(out.stdout.split('\n')[0]).toContain('month 2027-01');
  });

  it('colours only on a TTY without NO_COLOR, or with --color', async () => {
    const tty = capture({ tty: true });
    await runExplain(REFERENCE, { month: '2027-01' }, tty.io);
    expect(tty.out.stdout).toMatch(ANSI);
    const noColor = capture({ tty: true, env: { NO_COLOR: '1' } });
    await runExplain(REFERENCE, { month: '2027-01' }, noColor.io);
    expect(noColor.out.stdout).not.toMatch(ANSI);
    const flag = capture({ tty: true });
    await runExplain(REFERENCE, { month: '2027-01', color: false }, flag.io);
    expect(flag.out.stdout).not.toMatch(ANSI);
    const forced = capture();
    await runExplain(REFERENCE, { month: '2027-01', color: true }, forced.io);
    expect(forced.out.stdout).toMatch(ANSI);
  });

  it('prints diagnostics and returns exit 2 for an invalid plan', async () => {
    const { io, out } = capture();
    expect(await runExplain(resolve('fixtures/invalid/negative.yaml'), { month: '2027-01' }, io)).toBe(EXIT.invalid);
    expect(out.stderr).toContain('error[negative]');
    expect(out.stdout).toBe('');
  });

  it('prints warnings and still explains', async () => {
    const { io, out } = capture();
    expect(await runExplain(resolve('fixtures/invalid/batch-never-runs.yaml'), { month: '2027-06' }, io)).toBe(EXIT.ok);
    expect(out.stderr).toContain('warning[batch-never-runs]');
    expect(out.stdout).toContain('month 2027-06');
  });

  it('refuses a malformed month with a hint naming the horizon', async () => {
    for (const month of ['2028-13', '2028-3', 'March', '']) {
      const e = await usageError(REFERENCE, { month });
      expect(e.message).toContain('YYYY-MM');
      expect(e.hint).toContain(HORIZON);
    }
  });

  it('refuses a month outside the horizon with a hint naming it', async () => {
    for (const month of ['2026-12', '2030-01']) {
      const e = await usageError(REFERENCE, { month });
      expect(e.message).toBe(`--month ${month} is outside the plan's horizon`);
      expect(e.hint).toContain(HORIZON);
    }
  });

  it('refuses a missing --month', async () => {
    const e = await usageError(REFERENCE, {});
    expect(e.message).toContain('--month');
  });

  it('refuses an unknown scenario, suggesting the closest or listing the valid ones', async () => {
    const near = await usageError(REFERENCE, { month: '2028-03', scenario: 'beer' });
    expect(near.message).toContain('unknown scenario `beer`');
    expect(near.hint).toContain('did you mean `bear`?');
    const far = await usageError(REFERENCE, { month: '2028-03', scenario: 'hyperinflation' });
    for (const name of ['base', 'bear', 'bull', 'no-ai']) expect(far.hint).toContain(`\`${name}\``);
  });
});

// Through the whole CLI (main's error boundary) once program.ts registers the command.
const registered = buildProgram(capture().io, () => undefined).commands.some((c) => c.name() === 'explain');

describe.runIf(registered)('hashpivot explain (through main)', () => {
  it('exits 0 with the trace on stdout', async () => {
    const run = await runCli(['explain', REFERENCE, '--month', '2028-03', '--scenario', 'bull', '--no-color']);
    expect(run.exit).toBe(0);
    expect(run.stdout.split('\n')[0]).toContain('· scenario bull · month 2028-03');
    expect(run.stderr).toBe('');
  });

  it('exits 2 with a hint for a bad month, a month outside the horizon and an unknown scenario', async () => {
    for (const argv of [
      ['--month', '2028-13'],
      ['--month', '2031-01'],
      ['--month', '2028-03', '--scenario', 'beer'],
    ]) {
      const run = await runCli(['explain', REFERENCE, ...argv]);
      expect(run.exit).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^hashpivot: error: .*\n {2}= hint: .+\n$/);
    }
  });

  it('exits 2 without --month', async () => {
    const run = await runCli(['explain', REFERENCE]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('--month');
  });
});
