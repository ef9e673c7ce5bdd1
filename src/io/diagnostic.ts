/**
 * Errors are data: every problem the loader finds is a `Diagnostic`; only the CLI's main
 * turns them into text and an exit code.
 */
export type Severity = 'error' | 'warning';

/** Character offsets into the source text: [start, end). */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
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
  return { severity: 'error', code, message, file, ...(range ? { range } : {}), ...(hint ? { hint } : {}) };
}

export function warning(
  code: string,
  message: string,
  file: string,
  range?: SourceRange,
  hint?: string,
): Diagnostic {
  return { severity: 'warning', code, message, file, ...(range ? { range } : {}), ...(hint ? { hint } : {}) };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = above;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a distance of max(2, len/3), or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** "did you mean `x`?" hint, or a list of valid values when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[], what: string): string {
  const near = closest(word, candidates);
  if (near !== undefined) return `did you mean \`${near}\`?`;
  const shown = candidates.slice(0, 12).map((c) => `\`${c}\``).join(', ');
  const more = candidates.length > 12 ? `, ... (${candidates.length} in all)` : '';
  return candidates.length === 0 ? `there are no ${what} to refer to` : `valid ${what}: ${shown}${more}`;
}
