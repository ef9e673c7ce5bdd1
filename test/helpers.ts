/**
 * Test helpers: run the CLI in-process with captured output.
 */
import { readFileSync } from 'node:fs';
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
}

/** A CliIo that captures stdout and stderr. */
export function captureIo(options: IoOptions = {}): { io: CliIo; out: () => { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: async (limit) => {
      const input = options.stdin ?? '';
      const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
      return bytes.slice(0, limit);
    },
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    env: options.env ?? {},
    cwd: process.cwd(),
  };
  return { io, out: () => ({ stdout, stderr }) };
}

/** `hashpivot ...argv` in-process, with captured output and the exit code main returns. */
export async function runCli(argv: readonly string[], options: IoOptions = {}): Promise<CliRun> {
  const { io, out } = captureIo(options);
  const exit = await main(argv, io);
  return { exit, ...out() };
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
