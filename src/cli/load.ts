/**
 * Reads and loads plan files for commands, printing diagnostics on stderr.
 */
import { hasErrors, type Diagnostic } from '../io/diagnostic.js';
import { loadPlanText, type LoadedPlan } from '../io/load-plan.js';
import { parseSetArgument, SET_FILE, type Override } from '../io/overrides.js';
import { readSource } from '../io/read-source.js';
import { formatDiagnostics } from './format-diagnostics.js';
import { useColor, type CliIo } from './io.js';

export interface LoadedFile {
  readonly plan: LoadedPlan | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** the raw bytes (for the plan's sha256 in reports) */
  readonly bytes: Uint8Array | undefined;
  /** source texts by diagnostic file name, for printing */
  readonly sources: ReadonlyMap<string, string>;
}

/** Reads `path` (`-` = stdin) and loads it with `--set` arguments applied. */
export async function loadPlanFile(path: string, io: CliIo, setArguments: readonly string[] = []): Promise<LoadedFile> {
  const source = await readSource(path, io.readStdin);
  if (!source.ok) return { plan: undefined, diagnostics: [source.diagnostic], bytes: undefined, sources: new Map() };
  const sources = new Map<string, string>([[source.file, source.text]]);
  const sets: Override[] = [];
  const setDiagnostics: Diagnostic[] = [];
  for (const argument of setArguments) {
    const parsed = parseSetArgument(argument);
    setDiagnostics.push(...parsed.diagnostics);
    if (parsed.override) sets.push(parsed.override);
  }
  // --set diagnostics point into the argument; one argument at a time is shown as `--set`.
  if (setArguments.length > 0) sources.set(SET_FILE, setArguments[setArguments.length - 1]!);
  if (hasErrors(setDiagnostics)) return { plan: undefined, diagnostics: setDiagnostics, bytes: source.bytes, sources };
  const result = loadPlanText(source.text, source.file, { sets });
  return { plan: result.plan, diagnostics: result.diagnostics, bytes: source.bytes, sources };
}

/** Prints diagnostics on stderr (colour on a TTY unless NO_COLOR). */
export function printDiagnostics(file: LoadedFile, io: CliIo, colorFlag?: boolean): void {
  if (file.diagnostics.length === 0) return;
  const color = useColor(io.stderrIsTTY, io.env, colorFlag);
  io.stderr(formatDiagnostics(file.diagnostics, (name) => file.sources.get(name), color));
}
