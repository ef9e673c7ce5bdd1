/**
 * `--format json`: one document, schema `hashpivot.result/1` (docs/results.md).
 *
 * Key order is fixed by this file, numbers are written as plain decimal text from the
 * report's rounded decimals (never through a JS number, never in exponent notation),
 * indentation is 2 spaces like JSON.stringify(x, null, 2), and the text ends with a newline.
 */
import { formatMonth } from '../core/month.js';
import {
  BREAKDOWN_DECIMALS,
  SUMMARY_FIELDS,
  type Report,
  type ReportMeta,
  type ReportRow,
} from '../core/report.js';
import { OUTPUT_DECIMALS } from '../core/results.js';
import { num, obj, planJson, stringifyJson, type Json } from './json-text.js';

export const RESULT_SCHEMA = 'hashpivot.result/1';

/** Renders the report as the `hashpivot.result/1` JSON document. */
export function renderJson(report: Report, meta: ReportMeta): string {
  const entries: (readonly [string, Json])[] = [
    ['schema', RESULT_SCHEMA],
    ['plan', planJson(meta.plan)],
    ['scenario', meta.scenario],
    ['period', report.period],
    ['months', report.rows.map((row) => obj([...periodEntries(report, row), ...metricEntries(report, row)]))],
    ['summary', summaryJson(report)],
    [
      'decisions',
      report.decisions.map((d) =>
        obj([
          ['month', formatMonth(d.month)],
          ['code', d.code],
          ['subject', d.subject],
          ['detail', d.detail],
        ]),
      ),
    ],
  ];
  const b = report.breakdown;
  if (b !== null) {
    entries.push([
      b.kind === 'site' ? 'sites' : 'batches',
      b.rows.map((row) => {
        const e: (readonly [string, Json])[] = [...periodEntries(report, row)];
        if (b.kind === 'batch') e.push(['batch', row.batch ?? '']);
        e.push(['site', row.site]);
        b.fields.forEach((f, i) => e.push([f.name, num(row.values[i]!, BREAKDOWN_DECIMALS[f.unit])]));
        return obj(e);
      }),
    ]);
  }
  return `${stringifyJson(obj(entries))}\n`;
}

/** `month` for monthly output; `period`, `first_month`, `last_month` for quarters and years. */
function periodEntries(
  report: Report,
  row: Pick<ReportRow, 'label' | 'first' | 'last'>,
): (readonly [string, Json])[] {
  if (report.period === 'month') return [['month', row.label]];
  return [
    ['period', row.label],
    ['first_month', formatMonth(row.first)],
    ['last_month', formatMonth(row.last)],
  ];
}

function metricEntries(report: Report, row: ReportRow): (readonly [string, Json])[] {
  return report.columns.map((c, i) => [c.name, num(row.values[i]!, c.decimals)] as const);
}

function summaryJson(report: Report): Json {
  const s = report.summary;
  const e: (readonly [string, Json])[] = [];
  for (const f of SUMMARY_FIELDS) {
    e.push([f.name, num(s[f.name], OUTPUT_DECIMALS[f.unit])]);
    if (f.name === 'cash_min_usd') e.push(['cash_min_month', formatMonth(s.cash_min_month)]);
  }
  return obj(e);
}
