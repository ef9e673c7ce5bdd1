/**
 * Test helpers: run the CLI in-process with captured output.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import type { Plan } from '../src/core/plan.js';
import { loadPlanText } from '../src/io/load-plan.js';
import { main } from '../src/cli/main.js';
import type { CliIo } from '../src/cli/io.js';

export interface CliRun {
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface IoOptions {
  readonly stdin?: string | Uint8Array;
  readonly env?: Record<string, string>;
  readonly tty?: boolean;
  /** the working directory commands resolve relative paths against (default: process.cwd()) */
  readonly cwd?: string;
}

/** A CliIo that captures stdout and stderr into `out` as they are written. */
export function captureIo(options: IoOptions = {}): { io: CliIo; out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    readStdin: async (limit) => {
      const input = options.stdin ?? '';
      const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
      return bytes.slice(0, limit);
    },
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  return { io, out };
}

/** `hashpivot ...argv` in-process, with captured output and the exit code main returns. */
export async function runCli(argv: readonly string[], options: IoOptions = {}): Promise<CliRun> {
  const { io, out } = captureIo(options);
  const exit = await main(argv, io);
  return { exit, ...out };
}

/**
 * Compares `actual` with the golden file `dir/name`, byte for byte. With UPDATE_GOLDEN=1 the
 * file is rewritten (review the git diff); a missing file is written and the test fails.
 */
export function expectGolden(dir: string, name: string, actual: string): void {
  const path = join(dir, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${path} was missing; written, review it`);
  }
  expect(actual).toBe(readText(path));
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The transcript a golden file pins: exit code, stdout, stderr. */
export function transcript(run: CliRun): string {
  return `exit ${run.exit}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
}

/** A fixture plan as the loader reads it (base, or a scenario); throws on any diagnostic. */
export function loadFixture(name: string, scenario = 'base'): Plan {
  const path = `fixtures/plans/${name}.yaml`;
  const { plan, diagnostics } = loadPlanText(readText(path), path);
  if (!plan || diagnostics.length > 0) throw new Error(`${path} does not load cleanly`);
  const chosen = scenario === 'base' ? plan.base : plan.scenarios.get(scenario);
  if (!chosen) throw new Error(`${path} has no scenario ${scenario}`);
  return chosen;
}

/** A minimal valid plan text: one site, one batch (id with a dot), a treasury. */
export const MINIMAL_PLAN = `version: 1
name: Minimal miner
start: 2027-01
months: 12
market:
  btc_price_usd: 85000
  network_hashrate_ehs: 1050
  block_height: 985000
sites:
  - id: alpha
    capacity_mw: 100
    power:
      price_usd_per_mwh: 35
fleet:
  - id: s21.batch-1
    site: alpha
    model: Antminer S21
    units: 20000
    hashrate_ths: 200
    efficiency_j_per_th: 17.5
treasury:
  btc: 0.1
  cash_usd: "600000000.25"
  cost_basis_usd_per_btc: 60000
`;

/**
 * Decimals n / 10^scale with |n| <= 10^digits and scale 0..maxScale: whole numbers, long
 * fractions and values that round to zero, for properties of rounding and number text.
 */
export function arbitraryDecimal(digits: number, maxScale: number): fc.Arbitrary<Decimal> {
  const limit = 10n ** BigInt(digits);
  return fc
    .tuple(fc.bigInt({ min: -limit, max: limit }), fc.integer({ min: 0, max: maxScale }))
    .map(([n, scale]) => new Decimal(n.toString()).div(new Decimal(10).pow(scale)));
}
