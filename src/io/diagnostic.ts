/**
 * Errors are data: every problem the loader finds is a `Diagnostic`; only the CLI's main
 * turns them into text and an exit code.
 */
import { closestName } from '../core/names.js';

export type Severity = 'error' | 'warning';

/**
 * Character offsets into a source text: [start, end). `file` names the text when it is not
 * the plan file being loaded (an override from `--set`); diagnostics take it from here.
 */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
  readonly file?: string;
}

export interface Diagnostic {
  readonly severity: Severity;
  /** stable kebab-case code, e.g. `unknown-key`; each has a fixture in fixtures/invalid */
  readonly code: string;
  readonly message: string;
  /** file name as the user gave it (`<stdin>` for `-`) */
  readonly file: string;
  /** where in the source; absent when the whole file is at fault (missing, too large, ...) */
  readonly range?: SourceRange;
  readonly hint?: string;
}

export function error(
  code: string,
  message: string,
  file: string,
  range?: SourceRange,
  hint?: string,
): Diagnostic {
  return { severity: 'error', code, message, file: range?.file ?? file, ...(range ? { range } : {}), ...(hint ? { hint } : {}) };
}

export function warning(
  code: string,
  message: string,
  file: string,
  range?: SourceRange,
  hint?: string,
): Diagnostic {
  return { severity: 'warning', code, message, file: range?.file ?? file, ...(range ? { range } : {}), ...(hint ? { hint } : {}) };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** "did you mean `x`?" hint, or a list of valid values when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[], what: string): string {
  const near = closestName(word, candidates);
  if (near !== undefined) return `did you mean \`${near}\`?`;
  const shown = candidates.slice(0, 12).map((c) => `\`${c}\``).join(', ');
  const more = candidates.length > 12 ? `, ... (${candidates.length} in all)` : '';
  return candidates.length === 0 ? `there are no ${what} to refer to` : `valid ${what}: ${shown}${more}`;
}

/** 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** "2 errors, 1 warning" */
export function countSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((x) => x.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const parts = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.join(', ');
}
