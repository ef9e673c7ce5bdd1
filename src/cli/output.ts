/**
 * Where a command's result goes: stdout, or `--output FILE` written atomically (never over
 * an input plan). Colour is decided here: only for a table on a terminal stdout, never into
 * a file, never in json, csv or md.
 */
import { useColor, type CliIo } from './io.js';
import type { Format } from './options.js';

export interface OutputTarget {
  /** `--output FILE`, or undefined for stdout */
  readonly output: string | undefined;
  /** the plan files read, which the output may never replace */
  readonly inputs: readonly string[];
  /** the output format: only a table has colour */
  readonly format: Format;
  /** `--color` / `--no-color` */
  readonly color: boolean | undefined;
}

/** Renders with the colour decision for the target, then writes the text there. */
export async function emitOutput(io: CliIo, target: OutputTarget, render: (color: boolean) => Promise<string> | string): Promise<void> {
  if (target.output === undefined) {
    // json, csv and md never ask the terminal (isatty loads node:tty)
    const color = target.format === 'table' && useColor(io.stdoutIsTTY, io.env, target.color);
    io.stdout(await render(color));
    return;
  }
  // loaded on demand: printing to stdout never needs node:fs/promises or node:crypto
  const { writeOutputAtomic } = await import('../io/write-output.js');
  await writeOutputAtomic(target.output, await render(false), { inputs: target.inputs });
  io.stderr(`wrote ${target.output}\n`);
}
