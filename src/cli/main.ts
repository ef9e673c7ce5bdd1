/**
 * The one error boundary: runs the program, turns usage errors into exit 2 and anything
 * unexpected into exit 70 with a short "please report" line, then the stack trace.
 */
import { CommanderError } from 'commander';
import { OutputError } from '../io/output-error.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { buildProgram, commanderExitCode } from './program.js';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exit: number = EXIT.ok;
  try {
    const program = buildProgram(
      io,
      (code) => {
        exit = code;
      },
      argv,
    );
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return EXIT.invalid;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) return commanderExitCode(e);
    if (e instanceof UsageError || e instanceof OutputError) {
      io.stderr(`hashpivot: error: ${e.message}\n${e.hint ? `  = hint: ${e.hint}\n` : ''}`);
      return EXIT.invalid;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(
      `hashpivot: internal error: ${err.message}\n` +
        'This is a bug in hashpivot, not in your plan. Please report it with the plan and the command that caused it.\n' +
        `${err.stack ?? ''}\n`,
    );
    return EXIT.internal;
  }
}
