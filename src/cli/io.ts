/**
 * What a command may touch of the outside world, passed in so commands are testable
 * without a subprocess. stdout is for data, stderr for people.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** reads standard input, at most `limit` bytes */
  readonly readStdin: (limit: number) => Promise<Uint8Array>;
  /** whether stdout / stderr are terminals (colour and progress only then) */
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * Runs `work` with the JavaScript engine's optimizing compiler off, where the host can do
   * that (Node: V8's TurboFan); absent elsewhere. For work too short to repay compiling:
   * see `simulateOnce`.
   */
  readonly withoutOptimizer?: <T>(work: () => T) => T;
}

/** Colour only on a TTY, never with NO_COLOR (any value) or --no-color; --color forces it. */
export function useColor(isTTY: boolean, env: CliIo['env'], flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  checksFailed: 1,
  invalid: 2,
  internal: 70,
} as const;

/** A usage problem found by a command (bad flag value, ...): exit 2, message on stderr. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
