/**
 * `--format csv`: RFC 4180. Records end with CRLF (the RFC's line break; every CSV reader
 * and spreadsheet accepts it), the last record included. A field is quoted only when it
 * holds a comma, a double quote, CR or LF; quotes inside are doubled. Numbers are plain
 * decimal text at output precision, without thousands separators.
 *
 * One row per period: `month,<metrics...>,decisions` for monthly output,
 * `period,first_month,last_month,<metrics...>,decisions` for quarters and years. The
 * `decisions` field lists the period's decisions as `MONTH CODE subject: detail` (control
 * characters from plan text flattened to spaces), joined
 * by ` | `. With a breakdown (`--by site|batch`) the CSV is the long-format breakdown
 * instead: one row per period and site (or batch).
 */
import { formatMonth } from '../core/month.js';
import { BREAKDOWN_DECIMALS, type Report, type ReportRow } from '../core/report.js';
import { formatPlain } from './format-number.js';
import { oneLine } from './one-line.js';

export const CSV_LINE_END = '\r\n';

/** Renders the report (or its breakdown, when it has one) as CSV text. */
export function renderCsv(report: Report): string {
  return report.breakdown === null ? renderPeriods(report) : renderBreakdown(report);
}

/** Quotes a field when RFC 4180 requires it. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + CSV_LINE_END;
}

function periodHeader(report: Report): string[] {
  return report.period === 'month' ? ['month'] : ['period', 'first_month', 'last_month'];
}

function periodFields(report: Report, row: Pick<ReportRow, 'label' | 'first' | 'last'>): string[] {
  return report.period === 'month' ? [row.label] : [row.label, formatMonth(row.first), formatMonth(row.last)];
}

function renderPeriods(report: Report): string {
  const lines = [csvRecord([...periodHeader(report), ...report.columns.map((c) => c.name), 'decisions'])];
  for (const row of report.rows) {
    const decisions = report.decisions
      .filter((d) => d.month >= row.first && d.month <= row.last)
      .map((d) => oneLine(`${formatMonth(d.month)} ${d.code} ${d.subject}: ${d.detail}`))
      .join(' | ');
    lines.push(
      csvRecord([
        ...periodFields(report, row),
        ...report.columns.map((c, i) => formatPlain(row.values[i]!, c.decimals)),
        decisions,
      ]),
    );
  }
  return lines.join('');
}

function renderBreakdown(report: Report): string {
  const b = report.breakdown!;
  const keyHeader = b.kind === 'site' ? ['site'] : ['batch', 'site'];
  const lines = [csvRecord([...periodHeader(report), ...keyHeader, ...b.fields.map((f) => f.name)])];
  for (const row of b.rows) {
    const key = b.kind === 'site' ? [row.site] : [row.batch ?? '', row.site];
    lines.push(
      csvRecord([
        ...periodFields(report, row),
        ...key,
        ...b.fields.map((f, i) => formatPlain(row.values[i]!, BREAKDOWN_DECIMALS[f.unit])),
      ]),
    );
  }
  return lines.join('');
}
