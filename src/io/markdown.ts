/**
 * Markdown helpers shared by the `md` renderers: GitHub-flavoured tables and escaping of
 * text that comes from a plan (control characters flattened, see one-line.ts).
 */
import { oneLine } from './one-line.js';

export function mdTable(header: readonly string[], rightAligned: readonly boolean[], rows: readonly string[][]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `| ${rightAligned.map((r) => (r ? '---:' : ':---')).join(' | ')} |`, ...rows.map(line)];
}

/** A table cell: pipes escaped, control characters flattened. */
export function escapeCell(text: string): string {
  return oneLine(text.replaceAll('|', '\\|'));
}

/** Plan text inside a table cell: Markdown punctuation escaped except `|`, which {@link escapeCell} escapes. */
export function mdCellText(text: string): string {
  return oneLine(text.replace(/[\\`*_[\]<>#]/g, (ch) => `\\${ch}`));
}

/** Free text from a plan (names, details): Markdown punctuation escaped, one line. */
export function escapeMd(text: string): string {
  return oneLine(text.replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`));
}

/** Text inside a code span: backticks cannot be escaped there, so they become quotes. */
export function escapeCode(text: string): string {
  return oneLine(text.replaceAll('`', "'"));
}
