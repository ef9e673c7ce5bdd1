/**
 * Reads and loads plan files for commands, printing diagnostics on stderr.
 */
import { hasErrors, type Diagnostic } from '../io/diagnostic.js';
import { loadPlanText, type LoadedPlan, type LoadOptions } from '../io/load-plan.js';
import { parseSetArgument, SET_FILE, type Override } from '../io/overrides.js';
import { readSource } from '../io/read-source.js';
import { useColor, type CliIo } from './io.js';

export interface LoadedFile {
  readonly plan: LoadedPlan | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** the raw bytes (for the plan's sha256 in reports) */
  readonly bytes: Uint8Array | undefined;
  /** source texts by diagnostic file name, for printing */
  readonly sources: ReadonlyMap<string, string>;
}

/** The diagnostic file name of the i-th `--set` argument: `--set`, then `--set#2`, ... */
export function setFileName(index: number): string {
  return index === 0 ? SET_FILE : `${SET_FILE}#${index + 1}`;
}

/**
 * Reads `path` (`-` = stdin) and loads it with `--set` arguments applied. `scenarios`
 * says which scenarios to build (see LoadOptions); `--set` applies to each of them.
 */
export async function loadPlanFile(
  path: string,
  io: CliIo,
  setArguments: readonly string[] = [],
  scenarios: LoadOptions['scenarios'] = 'all',
): Promise<LoadedFile> {
  const source = await readSource(path, io.readStdin);
  if (!source.ok) return { plan: undefined, diagnostics: [source.diagnostic], bytes: undefined, sources: new Map() };
  const sources = new Map<string, string>([[source.file, source.text]]);
  const sets: Override[] = [];
  const setDiagnostics: Diagnostic[] = [];
  setArguments.forEach((argument, i) => {
    const name = setFileName(i);
    sources.set(name, argument);
    const parsed = parseSetArgument(argument, name);
    setDiagnostics.push(...parsed.diagnostics);
    if (parsed.override) sets.push(parsed.override);
  });
  if (hasErrors(setDiagnostics)) return { plan: undefined, diagnostics: setDiagnostics, bytes: source.bytes, sources };
  const result = loadPlanText(source.text, source.file, { sets, scenarios });
  return { plan: result.plan, diagnostics: result.diagnostics, bytes: source.bytes, sources };
}

/**
 * Prints diagnostics on stderr (colour on a TTY unless NO_COLOR). The formatter (and chalk
 * with it) is loaded only when there is something to print, so a clean run never starts it.
 */
export async function printDiagnostics(file: LoadedFile, io: CliIo, colorFlag?: boolean): Promise<void> {
  if (file.diagnostics.length === 0) return;
  const color = useColor(io.stderrIsTTY, io.env, colorFlag);
  const { formatDiagnostics } = await import('./format-diagnostics.js');
  io.stderr(formatDiagnostics(file.diagnostics, (name) => file.sources.get(name), color));
}
