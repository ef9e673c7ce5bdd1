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

type Register = (program: Command, io: CliIo, done: (code: number) => void) => void;

/** Every subcommand, in the order `--help` lists them. */
const COMMANDS: readonly (readonly [string, Register])[] = [
  ['run', registerRun],
  ['check', registerCheck],
  ['compare', registerCompare],
  ['diff', registerDiff],
  ['sweep', registerSweep],
  ['validate', registerValidate],
  ['schema', registerSchema],
  ['explain', registerExplain],
  ['init', registerInit],
];

/**
 * Builds the program; `done` receives each action's exit code. When `argv` starts with a
 * subcommand's name only that subcommand is defined (a cold start skips defining the
 * others); otherwise (help, version, a misspelt command) all of them are, for the command
 * list and "did you mean".
 */
export function buildProgram(io: CliIo, done: (code: number) => void, argv: readonly string[] = []): Command {
  const program = new Command('hashpivot')
    .description('Treasury and MW-allocation calculator for Bitcoin miners moving megawatts to AI/HPC hosting')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
    });
  const named = COMMANDS.find(([name]) => name === argv[0]);
  for (const [, register] of named === undefined ? COMMANDS : [named]) register(program, io, done);
  return program;
}

export function commanderExitCode(e: CommanderError): number {
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
  return EXIT.invalid;
}
