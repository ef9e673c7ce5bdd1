/**
 * Renderers of `hashpivot sweep` (docs/sweep.md), all reading one {@link SweepReport}.
 * Results arrive as plain decimal text already rounded to the metric's output places,
 * so no renderer rounds again: json and csv print them as they are, table and md add
 * thousands separators only.
 *
 * - table: a matrix for a 2-D sweep (rows = first --vary, columns = second), two columns
 *   for a 1-D sweep; numbers right-aligned; negatives red when colour is on.
 * - json: schema `hashpivot.sweep/1`, one object per point in row-major order.
 * - csv: tidy, one record per point, CRLF line ends (RFC 4180).
 * - md: the same matrix (or two columns) as a GitHub-flavoured Markdown table.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { MetricUnit } from '../core/results.js';
import { metricLabel, metricUnit, pointCoordinates, reductionName, type SweepReport } from '../core/sweep.js';
import { CSV_LINE_END, csvField } from './render-csv.js';
import { groupThousands } from './format-number.js';
import { obj, planJson, stringifyJson, type Json } from './json-text.js';
import { escapeCell, escapeCode, escapeMd } from './markdown.js';
import { oneLine } from './one-line.js';

export const SWEEP_SCHEMA = 'hashpivot.sweep/1';

const UNIT_TEXT: Readonly<Record<MetricUnit, string>> = {
  usd: 'USD',
  btc: 'BTC',
  mw: 'MW',
  ehs: 'EH/s',
  usd_per_ph_day: '$/PH/day',
};

/** Header cells and body rows of the matrix (2-D) or the two-column list (1-D); text only. */
interface Grid {
  readonly header: readonly string[];
  /** each row: its axis value, then results */
  readonly rows: readonly (readonly string[])[];
}

function grid(report: SweepReport, format: (result: string) => string): Grid {
  const [rows, columns] = report.axes;
  if (rows === undefined) return { header: [], rows: [] };
  if (columns === undefined) {
    return {
      header: [rows.label, metricLabel(report.metric)],
      rows: rows.values.map((v, i) => [v, format(report.results[i]!)]),
    };
  }
  const width = columns.values.length;
  return {
    header: [`${rows.label} \\ ${columns.label}`, ...columns.values],
    rows: rows.values.map((v, i) => [v, ...report.results.slice(i * width, (i + 1) * width).map(format)]),
  };
}

/** One line saying what the sweep is. */
function describe(report: SweepReport): string {
  const [rows, columns] = report.axes;
  const axes = columns === undefined ? `varying ${rows?.path ?? ''}` : `rows ${rows?.path ?? ''}, columns ${columns.path}`;
  return `${metricLabel(report.metric)} (${UNIT_TEXT[metricUnit(report.metric)]}), ${axes}`;
}

export interface SweepTableOptions {
  /** false: no ANSI escapes at all */
  readonly color: boolean;
}

/** The terminal view: a title, then the matrix with a rule under the header. No trailing spaces. */
export function renderSweepTable(report: SweepReport, options: SweepTableOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const g = grid(report, groupThousands);
  const widths = g.header.map((h, j) => Math.max(h.length, ...g.rows.map((r) => r[j]!.length)));
  const line = (cells: readonly string[], paint: (text: string, j: number) => string): string =>
    cells.map((cell, j) => paint(cell.padStart(widths[j]!), j)).join('  ');
  const out = [
    c.bold(`${oneLine(report.plan.name)} · scenario ${oneLine(report.scenario)} · ${describe(report)}`),
    '',
    line(g.header, (t) => c.bold(t)),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...g.rows.map((r) => line(r, (t, j) => (j > 0 && t.trimStart().startsWith('-') ? paintNegative(c, t) : t))),
  ];
  return `${out.join('\n')}\n`;
}

function paintNegative(c: ChalkInstance, padded: string): string {
  const text = padded.trimStart();
  return padded.slice(0, padded.length - text.length) + c.red(text);
}

/** `hashpivot.sweep/1`: numbers as plain decimal text, keys in a fixed order, 2-space indent. */
export function renderSweepJson(report: SweepReport): string {
  const doc = obj([
    ['schema', SWEEP_SCHEMA],
    ['plan', planJson(report.plan)],
    ['scenario', report.scenario],
    ['metric', report.metric.name],
    ['reduction', reductionName(report.metric)],
    ['unit', metricUnit(report.metric)],
    ['vary', report.axes.map((a) => obj([['path', a.path], ['values', a.values.map((v) => ({ number: v }))]]))],
    ['points', report.results.map((result, index) => obj([...pointEntries(report, index), ['result', { number: result }]]))],
  ]);
  return `${stringifyJson(doc)}\n`;
}

/** The point's axis values keyed by full path, row-major order. */
function pointEntries(report: SweepReport, index: number): (readonly [string, Json])[] {
  const entries: (readonly [string, Json])[] = [];
  const coordinates = pointCoordinates(report.axes.map((a) => a.values.length), index);
  report.axes.forEach((a, k) => entries.push([a.path, { number: a.values[coordinates[k]!]! }]));
  return entries;
}

/** Tidy CSV: `PATH[,PATH2],METRIC` then one record per point, row-major; CRLF. */
export function renderSweepCsv(report: SweepReport): string {
  const record = (fields: readonly string[]): string => fields.map(csvField).join(',') + CSV_LINE_END;
  const lines = [record([...report.axes.map((a) => a.path), metricLabel(report.metric)])];
  report.results.forEach((result, index) => {
    lines.push(record([...pointEntries(report, index).map(([, v]) => (v as { number: string }).number), result]));
  });
  return lines.join('');
}

/** A heading, one sentence, and the matrix as a Markdown table (numbers right-aligned). LF, one trailing newline. */
export function renderSweepMarkdown(report: SweepReport): string {
  const g = grid(report, groupThousands);
  const row = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const out = [
    `# ${escapeMd(report.plan.name)}`,
    '',
    `Sweep of \`${escapeCode(metricLabel(report.metric))}\` (${UNIT_TEXT[metricUnit(report.metric)]}), ` +
      `scenario \`${escapeCode(report.scenario)}\`, plan file \`${escapeCode(report.plan.file)}\`. ` +
      axesSentence(report),
    '',
    row(g.header),
    `| ${g.header.map(() => '---:').join(' | ')} |`,
    ...g.rows.map(row),
  ];
  return `${out.join('\n')}\n`;
}

function axesSentence(report: SweepReport): string {
  const [rows, columns] = report.axes;
  if (rows === undefined) return '';
  if (columns === undefined) return `Rows: \`${escapeCode(rows.path)}\`.`;
  return `Rows: \`${escapeCode(rows.path)}\`; columns: \`${escapeCode(columns.path)}\`.`;
}

