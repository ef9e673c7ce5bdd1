/**
 * Diagnostics as text, in the style of compilers and hledger:
 *
 *   plan.yaml:12:12: error[negative]: fleet.s19.units must not be negative, got -5
 *      |
 *   12 |     units: -5
 *      |            ^^
 *      = hint: quantities are zero or more
 */
import { Chalk } from 'chalk';
import type { Diagnostic } from '../io/diagnostic.js';

export interface SourceLookup {
  (file: string): string | undefined;
}

interface LineCol {
  line: number;
  col: number;
  lineText: string;
  /** characters of the range on this line, at least 1 */
  width: number;
}

function locate(text: string, start: number, end: number): LineCol {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < start && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const lineText = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const col = Math.min(start, lineEnd) - lineStart + 1;
  const width = Math.max(1, Math.min(end, lineStart + lineText.length) - Math.min(start, lineEnd));
  return { line, col, lineText, width };
}

/** Renders diagnostics; `color` adds ANSI colour (stderr on a TTY only). */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], source: SourceLookup, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  for (const dgn of diagnostics) {
    const label = dgn.severity === 'error' ? c.red.bold(`error[${dgn.code}]`) : c.yellow.bold(`warning[${dgn.code}]`);
    const text = source(dgn.file);
    if (dgn.range === undefined || text === undefined) {
      out.push(`${dgn.file}: ${label}: ${dgn.message}`);
      if (dgn.hint) out.push(`  = hint: ${dgn.hint}`);
      continue;
    }
    const at = locate(text, dgn.range.start, dgn.range.end);
    const gutter = ' '.repeat(String(at.line).length);
    const shownLine = at.lineText.replace(/\t/g, ' ');
    out.push(`${dgn.file}:${at.line}:${at.col}: ${label}: ${dgn.message}`);
    out.push(`${gutter} |`);
    out.push(`${at.line} | ${shownLine}`);
    out.push(`${gutter} | ${' '.repeat(at.col - 1)}${c.bold(dgn.severity === 'error' ? c.red('^'.repeat(at.width)) : c.yellow('^'.repeat(at.width)))}`);
    if (dgn.hint) out.push(`${gutter} = hint: ${dgn.hint}`);
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
