/**
 * Renderers of `hashpivot compare` (one {@link Comparison} model, four formats; the layout
 * is documented in docs/compare-diff.md):
 *
 * - table: the summary with one column per run, then one block per metric (rows =
 *   periods, columns = runs), with the compact number display of `run`'s table
 *   (USD in $k or $M per block, BTC 2 dp, MW 1 dp, ...). Negative numbers red.
 * - md: the same layout at full output precision (GitHub-flavoured Markdown).
 * - json: `hashpivot.compare/1`, stable key order, plain decimals, null for a period a run
 *   does not cover.
 * - csv: long ("tidy") format, one value per record: summary rows first (period blank),
 *   then period x run x metric. A period a run does not cover has no records for it.
 *
 * A run's value missing for a period prints `n/a` in table and md. Text from the plan
 * (names) is kept on one line and escaped for Markdown.
 */
import { Chalk } from 'chalk';
import type { Comparison, ComparedMetric } from '../core/compare.js';
import { Decimal } from '../core/decimal.js';
import { formatMonth, type Month } from '../core/month.js';
import { METRIC_LABELS, SUMMARY_FIELDS, type Period, type ReportMeta, type ReportSummary } from '../core/report.js';
import { OUTPUT_DECIMALS } from '../core/results.js';
import { formatGrouped, formatPlain } from './format-number.js';
import { num, obj, planJson, stringifyJson, type Json } from './json-text.js';
import { CSV_LINE_END, csvField } from './render-csv.js';
import { PERIOD_ADVERBS, PERIOD_TITLES, compactTable, displayNumber, metricDisplay, moneyScale, signedRed, unitText } from './display.js';
import { oneLine } from './one-line.js';
import { escapeCode, escapeMd, mdCellText, mdTable } from './markdown.js';

export const COMPARE_SCHEMA = 'hashpivot.compare/1';

/** Text for a value a run does not have (a period outside its horizon). */
export const MISSING = 'n/a';

export interface CompareMeta {
  readonly plan: ReportMeta['plan'];
}


// ---------------------------------------------------------------------------------------
// table

export interface CompareTableOptions {
  /** false: no ANSI escapes at all; true: colour at chalk level 1 */
  readonly color: boolean;
}

/** Renders the comparison for a terminal. Lines carry no trailing spaces; ends with a newline. */
export function renderCompareTable(model: Comparison, meta: CompareMeta, options: CompareTableOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const names = model.scenarios.map(oneLine);
  const out: string[] = [];
  out.push(c.bold(`${oneLine(meta.plan.name)} · compare ${names.join(', ')} · ${PERIOD_ADVERBS[model.period]}`), '');

  out.push(c.bold('Summary'));
  out.push(
    compactTable(
      c,
      ['', ...names],
      summaryRows(model.summaries, (v, places) => signedRed(c, formatGrouped(v, places))),
      1,
    ),
  );

  for (const metric of model.metrics) {
    const display = metricDisplay(metric.column.name);
    const scale = moneyScale(metric.rows.flatMap((r) => r.values.filter((v): v is Decimal => v !== null)));
    out.push('', c.bold(`${METRIC_LABELS[metric.column.name].label} (${unitText(display, scale)})`));
    out.push(
      compactTable(
        c,
        [PERIOD_TITLES[model.period], ...names],
        metric.rows.map((row) => [row.label, ...row.values.map((v) => (v === null ? MISSING : displayNumber(c, v, display, scale)))]),
        1,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

/** Summary rows: `Label (unit)` then one formatted value per run; the lowest-cash month after the lowest cash. */
function summaryRows(summaries: readonly ReportSummary[], format: (v: Decimal, places: number) => string): string[][] {
  const rows: string[][] = [];
  for (const f of SUMMARY_FIELDS) {
    rows.push([`${f.label} (${f.unitText})`, ...summaries.map((s) => format(s[f.name], OUTPUT_DECIMALS[f.unit]))]);
    if (f.name === 'cash_min_usd') rows.push(['Lowest cash month', ...summaries.map((s) => formatMonth(s.cash_min_month))]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Markdown

/** Renders the comparison as GitHub-flavoured Markdown (LF line ends, one trailing newline). */
export function renderCompareMarkdown(model: Comparison, meta: CompareMeta): string {
  const out: string[] = [];
  out.push(`# ${escapeMd(meta.plan.name)}: scenario comparison`, '');
  out.push(
    `Plan file \`${escapeCode(meta.plan.file)}\`, runs ${model.scenarios.map((s) => `\`${escapeCode(s)}\``).join(', ')}, ` +
      `by ${model.period}.`,
    '',
  );
  out.push('## Summary', '');
  out.push(
    ...mdTable(
      ['Summary', ...model.scenarios.map(mdCellText)],
      [false, ...model.scenarios.map(() => true)],
      summaryRows(model.summaries, (v, places) => formatGrouped(v, places)),
    ),
    '',
  );
  for (const metric of model.metrics) {
    const { label, unit } = METRIC_LABELS[metric.column.name];
    out.push(`## ${escapeMd(label)} (${escapeMd(unit)})`, '');
    out.push(
      ...mdTable(
        [PERIOD_TITLES[model.period], ...model.scenarios.map(mdCellText)],
        [false, ...model.scenarios.map(() => true)],
        metric.rows.map((row) => [
          row.label,
          ...row.values.map((v) => (v === null ? MISSING : formatGrouped(v, metric.column.decimals))),
        ]),
      ),
      '',
    );
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------
// JSON

/** Renders the `hashpivot.compare/1` JSON document. */
export function renderCompareJson(model: Comparison, meta: CompareMeta): string {
  const summary: (readonly [string, Json])[] = [];
  for (const f of SUMMARY_FIELDS) {
    summary.push([f.name, byRun(model, (i) => num(model.summaries[i]![f.name], OUTPUT_DECIMALS[f.unit]))]);
    if (f.name === 'cash_min_usd') {
      summary.push(['cash_min_month', byRun(model, (i) => formatMonth(model.summaries[i]!.cash_min_month))]);
    }
  }
  const doc = obj([
    ['schema', COMPARE_SCHEMA],
    ['plan', planJson(meta.plan)],
    ['period', model.period],
    ['scenarios', [...model.scenarios]],
    ['summary', obj(summary)],
    [
      'metrics',
      obj(
        model.metrics.map((metric) => [
          metric.column.name,
          metric.rows.map((row) =>
            obj([
              ...periodEntries(model.period, row),
              ['values', byRun(model, (i) => valueJson(row.values[i]!, metric))],
            ]),
          ),
        ]),
      ),
    ],
  ]);
  return `${stringifyJson(doc)}\n`;
}

function byRun(model: Comparison, value: (index: number) => Json): Json {
  return obj(model.scenarios.map((name, i) => [name, value(i)] as const));
}

function valueJson(v: Decimal | null, metric: ComparedMetric): Json {
  return v === null ? null : num(v, metric.column.decimals);
}

/** `month` for monthly output; `period`, `first_month`, `last_month` for quarters and years (as `run`). */
export function periodEntries(
  period: Period,
  row: { readonly label: string; readonly first: Month; readonly last: Month },
): (readonly [string, Json])[] {
  if (period === 'month') return [['month', row.label]];
  return [
    ['period', row.label],
    ['first_month', formatMonth(row.first)],
    ['last_month', formatMonth(row.last)],
  ];
}

// ---------------------------------------------------------------------------------------
// CSV

/**
 * Long-format CSV: header `month,scenario,metric,value` (or `period,first_month,last_month,
 * scenario,metric,value`). First the summary (period fields blank; metric = summary name;
 * `cash_min_month` holds a month), run by run; then period by period, run by run, metric
 * by metric. RFC 4180, CRLF line ends, plain decimals.
 */
export function renderCompareCsv(model: Comparison): string {
  const periodWidth = model.period === 'month' ? 1 : 3;
  const blank = Array<string>(periodWidth).fill('');
  const lines = [csvRecord([...periodHeader(model.period), 'scenario', 'metric', 'value'])];
  model.scenarios.forEach((name, i) => {
    const s = model.summaries[i]!;
    for (const f of SUMMARY_FIELDS) {
      lines.push(csvRecord([...blank, name, f.name, formatPlain(s[f.name], OUTPUT_DECIMALS[f.unit])]));
      if (f.name === 'cash_min_usd') lines.push(csvRecord([...blank, name, 'cash_min_month', formatMonth(s.cash_min_month)]));
    }
  });
  const periods = model.metrics[0]?.rows ?? [];
  periods.forEach((row, p) => {
    model.scenarios.forEach((name, i) => {
      for (const metric of model.metrics) {
        const v = metric.rows[p]!.values[i]!;
        if (v === null) continue;
        lines.push(csvRecord([...periodFields(model.period, row), name, metric.column.name, formatPlain(v, metric.column.decimals)]));
      }
    });
  });
  return lines.join('');
}

export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + CSV_LINE_END;
}

export function periodHeader(period: Period): string[] {
  return period === 'month' ? ['month'] : ['period', 'first_month', 'last_month'];
}

export function periodFields(period: Period, row: { readonly label: string; readonly first: Month; readonly last: Month }): string[] {
  return period === 'month' ? [row.label] : [row.label, formatMonth(row.first), formatMonth(row.last)];
}
