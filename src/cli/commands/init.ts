/**
 * `hashpivot init [FILE]`: writes a commented starter plan (default `plan.yaml`), never over
 * an existing file; `-` prints it on stdout instead. The confirmation goes to stderr: stdout
 * carries data only (the plan, with `-`).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { STARTER_PLAN } from '../../io/starter-plan.js';
import { EXIT, type CliIo } from '../io.js';

export const DEFAULT_PLAN_FILE = 'plan.yaml';

/**
 * Writes the starter plan to `file` (relative to `io.cwd`). Throws OutputError (exit 2 in
 * main) when the file exists or cannot be written; an existing file is left untouched.
 */
export async function runInit(file: string | undefined, io: CliIo): Promise<number> {
  const target = file ?? DEFAULT_PLAN_FILE;
  if (target === '-') {
    io.stdout(STARTER_PLAN);
    return EXIT.ok;
  }
  const { writeOutputAtomic } = await import('../../io/write-output.js');
  await writeOutputAtomic(resolve(io.cwd, target), STARTER_PLAN, { noClobber: true });
  io.stderr(`wrote ${target}; next: \`hashpivot schema > plan.schema.json\` for editor help, \`hashpivot validate ${target}\`\n`);
  return EXIT.ok;
}

export function registerInit(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('init')
    .description('write a commented starter plan (never over an existing file)')
    .argument('[file]', 'where to write it (`-` prints it on stdout)', DEFAULT_PLAN_FILE)
    .action(async (file: string) => done(await runInit(file, io)));
}
