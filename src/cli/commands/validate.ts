/**
 * `hashpivot validate PLAN...`: checks plan files; one `ok` line per valid plan on stdout,
 * every diagnostic on stderr. Exit 0 when all are valid (warnings allowed), else 2.
 */
import type { Command } from 'commander';
import { countSummary, hasErrors } from '../../io/diagnostic.js';
import { EXIT, type CliIo } from '../io.js';
import { loadPlanFile, printDiagnostics } from '../load.js';

export interface ValidateOptions {
  readonly color?: boolean;
}

export async function runValidate(paths: readonly string[], options: ValidateOptions, io: CliIo): Promise<number> {
  let exit: number = EXIT.ok;
  for (const path of paths) {
    const file = await loadPlanFile(path, io);
    await printDiagnostics(file, io, options.color);
    if (!file.plan || hasErrors(file.diagnostics)) {
      io.stderr(`invalid  ${path}  ${countSummary(file.diagnostics)}\n`);
      exit = EXIT.invalid;
      continue;
    }
    const p = file.plan.base;
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    io.stdout(
      `ok  ${path}  ${plural(p.sites.length, 'site', 'sites')}, ${plural(p.fleet.length, 'batch', 'batches')}, ` +
        `${plural(p.hosting.length, 'hosting contract', 'hosting contracts')}, ${plural(p.months, 'month', 'months')}\n`,
    );
  }
  return exit;
}

export function registerValidate(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('validate')
    .description('check plan files and report every problem at once')
    .argument('<plan...>', 'plan files (`-` reads standard input)')
    .option('--color', 'force colour in diagnostics')
    .option('--no-color', 'no colour in diagnostics')
    .action(async (paths: string[], options: ValidateOptions) => done(await runValidate(paths, options, io)));
}
