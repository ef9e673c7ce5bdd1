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

/**
 * Edit distance counting insertions, deletions, substitutions and adjacent transpositions
 * (optimal string alignment), for "did you mean" hints: `baer` is one edit from `bear`.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
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
