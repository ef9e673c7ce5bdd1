import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInit } from '../../src/cli/commands/init.js';
import { EXIT } from '../../src/cli/io.js';
import { buildProgram } from '../../src/cli/program.js';
import { Decimal } from '../../src/core/decimal.js';
import { formatMonth } from '../../src/core/month.js';
import { simulate } from '../../src/core/simulate.js';
import { loadPlanText } from '../../src/io/load-plan.js';
import { STARTER_PLAN } from '../../src/io/starter-plan.js';
import { OutputError } from '../../src/io/output-error.js';
import { captureIo, runCli } from '../helpers.js';

let dir = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hashpivot-init-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Captured I/O with `cwd` in the temporary directory. */
const capture = (cwd: string) => captureIo({ cwd });

describe('the starter plan', () => {
  const loaded = loadPlanText(STARTER_PLAN, 'plan.yaml');

  it('opens with the schema modeline', () => {
    expect(STARTER_PLAN.split('\n')[0]).toBe('# yaml-language-server: $schema=./plan.schema.json');
  });

  it('validates with no diagnostic at all, warnings included', () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.plan).toBeDefined();
  });

  it('has one site, two batches, one colocation contract, scenario bear and two checks', () => {
    const p = loaded.plan!;
    expect(p.base.sites.map((s) => s.id)).toEqual(['west-texas']);
    expect(p.base.fleet).toHaveLength(2);
    expect(p.base.hosting.map((h) => h.kind)).toEqual(['colocation']);
    expect([...p.scenarios.keys()]).toEqual(['bear']);
    expect(p.base.checks).toHaveLength(2);
    expect(p.base.months).toBe(24);
  });

  it('simulates in base and in every scenario', () => {
    const p = loaded.plan!;
    for (const plan of [p.base, ...p.scenarios.values()]) {
      const sim = simulate(plan);
      expect(sim.months).toHaveLength(24);
      expect(formatMonth(sim.months[0]!.month)).toBe('2027-01');
    }
  });

  it('passes its own checks in base: cash >= $30M every month, >= 1,500 BTC at 2028-12', () => {
    const months = simulate(loaded.plan!.base).months;
    for (const m of months) expect(m.cash_usd.gte(new Decimal(30_000_000))).toBe(true);
    const december = months.find((m) => formatMonth(m.month) === '2028-12')!;
    expect(december.btc_held.gte(new Decimal(1500))).toBe(true);
  });

  it('has its halving in 2028-03, as its comment says', () => {
    // 985,000 + 365 * 144 + (31 + 29) * 144 = 1,046,200 at 2028-03; + 31 * 144 = 1,050,664
    const march = simulate(loaded.plan!.base).months.find((m) => formatMonth(m.month) === '2028-03')!;
    expect(march.market.halving_heights).toEqual([1_050_000]);
  });
});

describe('runInit', () => {
  it('writes plan.yaml by default and confirms on stderr only', async () => {
    const { io, out } = capture(dir);
    expect(await runInit(undefined, io)).toBe(EXIT.ok);
    expect(readFileSync(join(dir, 'plan.yaml'), 'utf8')).toBe(STARTER_PLAN);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^wrote plan\.yaml[^\n]*\n$/);
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
  });

  it('writes a file that loads with zero diagnostics and simulates', async () => {
    const { io } = capture(dir);
    await runInit('treasury.yaml', io);
    const loaded = loadPlanText(readFileSync(join(dir, 'treasury.yaml'), 'utf8'), 'treasury.yaml');
    expect(loaded.diagnostics).toEqual([]);
    expect(simulate(loaded.plan!.base).months).toHaveLength(24);
  });

  it('writes into a subdirectory given as a relative path', async () => {
    mkdirSync(join(dir, 'plans'));
    const { io } = capture(dir);
    await runInit('plans/2027.yaml', io);
    expect(readFileSync(join(dir, 'plans', '2027.yaml'), 'utf8')).toBe(STARTER_PLAN);
  });

  it('refuses to overwrite an existing file and leaves it unchanged', async () => {
    const existing = 'version: 1\nname: my real plan\n';
    writeFileSync(join(dir, 'plan.yaml'), existing);
    const { io, out } = capture(dir);
    await expect(runInit('plan.yaml', io)).rejects.toBeInstanceOf(OutputError);
    await expect(runInit(undefined, io)).rejects.toThrow(/already exists; refusing to overwrite it/);
    expect(readFileSync(join(dir, 'plan.yaml'), 'utf8')).toBe(existing);
    expect(readdirSync(dir)).toEqual(['plan.yaml']); // no temporary file left behind
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('');
  });

  it('prints the plan on stdout with `-` and writes nothing', async () => {
    const { io, out } = capture(dir);
    expect(await runInit('-', io)).toBe(EXIT.ok);
    expect(out.stdout).toBe(STARTER_PLAN);
    expect(out.stderr).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });
});

// Through the whole CLI (main's error boundary) once program.ts registers the command.
const registered = buildProgram(capture(process.cwd()).io, () => undefined).commands.some((c) => c.name() === 'init');

describe.runIf(registered)('hashpivot init (through main)', () => {
  it('writes the file; exits 2 and leaves it unchanged the second time', async () => {
    const file = join(dir, 'plan.yaml');
    const first = await runCli(['init', file]);
    expect(first.exit).toBe(0);
    expect(first.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(STARTER_PLAN);
    writeFileSync(file, 'edited\n');
    const second = await runCli(['init', file]);
    expect(second.exit).toBe(2);
    expect(second.stderr).toMatch(/^hashpivot: error: .*already exists.*\n {2}= hint: .+\n$/);
    expect(readFileSync(file, 'utf8')).toBe('edited\n');
  });

  it('prints the plan with `init -`', async () => {
    const run = await runCli(['init', '-']);
    expect(run.exit).toBe(0);
    expect(run.stdout).toBe(STARTER_PLAN);
  });
});
