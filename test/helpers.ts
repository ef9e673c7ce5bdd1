/**
 * Test helpers: run the CLI in-process with captured output.
 */
import { readFileSync } from 'node:fs';
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
