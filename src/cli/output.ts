/**
 * Where a command's result goes: stdout, or `--output FILE` written atomically (never over
 * an input plan). Colour is decided here: only for a terminal stdout, never into a file.
 */
import { useColor, type CliIo } from './io.js';

export interface OutputTarget {
  /** `--output FILE`, or undefined for stdout */
  readonly output: string | undefined;
  /** the plan files read, which the output may never replace */
  readonly inputs: readonly string[];
  /** `--color` / `--no-color`; false for a format without colour (json, csv, md), so the terminal is not even asked */
  readonly color: boolean | undefined;
}

/** Renders with the colour decision for the target, then writes the text there. */
export async function emitOutput(io: CliIo, target: OutputTarget, render: (color: boolean) => Promise<string> | string): Promise<void> {
  if (target.output === undefined) {
    // the flag first: json, csv and md pass false, and the terminal is never asked
    const color = target.color ?? useColor(io.stdoutIsTTY, io.env, undefined);
    io.stdout(await render(color));
    return;
  }
  // loaded on demand: printing to stdout never needs node:fs/promises or node:crypto
  const { writeOutputAtomic } = await import('../io/write-output.js');
  await writeOutputAtomic(target.output, await render(false), { inputs: target.inputs });
  io.stderr(`wrote ${target.output}\n`);
}
