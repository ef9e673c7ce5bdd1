/**
 * The command-line program: one file per subcommand under commands/.
 */
import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerCompare } from './commands/compare.js';
import { registerDiff } from './commands/diff.js';
import { registerExplain } from './commands/explain.js';
import { registerInit } from './commands/init.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { registerSweep } from './commands/sweep.js';
import { registerValidate } from './commands/validate.js';
import { EXIT, type CliIo } from './io.js';

export const VERSION = '0.1.0';

/** Builds the program; `done` receives each action's exit code. */
export function buildProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command('hashpivot')
    .description('Treasury and MW-allocation calculator for Bitcoin miners moving megawatts to AI/HPC hosting')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
    });
  registerRun(program, io, done);
  registerCheck(program, io, done);
  registerCompare(program, io, done);
  registerDiff(program, io, done);
  registerSweep(program, io, done);
  registerValidate(program, io, done);
  registerSchema(program, io, done);
  registerExplain(program, io, done);
  registerInit(program, io, done);
  return program;
}

export function commanderExitCode(e: CommanderError): number {
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
  return EXIT.invalid;
}
