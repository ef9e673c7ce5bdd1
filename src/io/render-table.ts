/**
 * `--format table`: the human view for a terminal (cli-table3 + chalk).
 *
 * The table is compact so the default columns fit 120 terminal columns: USD amounts are
 * shown in $ thousands (`$k`, 0 dp) or, when some amount in the table reaches $100M, in
 * $ millions (`$M`, 1 dp; 0 dp from $1B); prices per BTC in whole dollars; MW 1 dp,
 * EH/s 2 dp, BTC 2 dp (block reward 4 dp), $/PH/day 2 dp. The unit is in each header.
 * Display rounding is ROUND_HALF_EVEN from the report's values. Full precision is in
 * the summary block below the table and in `--format md|csv|json`.
 *
 * Negative numbers are red; a period with a funding gap or a CASH_BELOW_FLOOR decision
 * has its label suffixed with `!` (red), explained by a legend. With `color: false` the
 * text has no ANSI escape at all; the caller decides (TTY, NO_COLOR). Lines carry no
 * trailing spaces; the text ends with a newline.
 */
import { Chalk } from 'chalk';
import { formatMonth } from '../core/month.js';
import {
  METRIC_LABELS,
  SUMMARY_FIELDS,
  type Report,
  type ReportTitle,
  type ReportRow,
} from '../core/report.js';
import { OUTPUT_DECIMALS } from '../core/results.js';
import {
  PERIOD_ADVERBS,
  PERIOD_TITLES,
  breakdownDisplay,
  compactTable,
  displayNumber,
  metricDisplay,
  moneyScale,
  unitText,
} from './display.js';
import { oneLine } from './one-line.js';
import { formatGrouped } from './format-number.js';
import { groupByMonth } from './render-md.js';

export interface TableRenderOptions {
  /** false: no ANSI escapes at all; true: colour at chalk level 1 (16 colours) */
  readonly color: boolean;
}

/** Renders the report for a terminal. */
export function renderTable(report: Report, meta: ReportTitle, options: TableRenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  out.push(
    c.bold(`${oneLine(meta.plan.name)} · scenario ${oneLine(meta.scenario)} · ${PERIOD_ADVERBS[report.period]}`),
    '',
  );

  const displays = report.columns.map((col) => metricDisplay(col.name));
  const scale = moneyScale(report.rows.flatMap((r) => r.values.filter((_, i) => displays[i]!.kind === 'money')));
  const flagged = (row: ReportRow): boolean => row.fundingGap || row.belowCashFloor;
  out.push(
    compactTable(
      c,
      [
        PERIOD_TITLES[report.period],
        ...report.columns.map((col, i) => header(METRIC_LABELS[col.name].label, unitText(displays[i]!, scale))),
      ],
      report.rows.map((row) => [
        flagged(row) ? c.red(`${row.label}!`) : row.label,
        ...row.values.map((v, i) => displayNumber(c, v, displays[i]!, scale)),
      ]),
      1,
    ),
  );
  if (report.rows.some(flagged)) {
    out.push(`${c.red('!')} funding gap (cash below zero) or cash below the floor in that ${report.period}`);
  }

  const b = report.breakdown;
  if (b !== null) {
    out.push('', c.bold(`By ${b.kind}`), '');
    const bDisplays = b.fields.map((f) => breakdownDisplay(f.unit, f.unitText));
    const bScale = moneyScale(b.rows.flatMap((r) => r.values.filter((_, i) => bDisplays[i]!.kind === 'money')));
    const keyTitles = b.kind === 'site' ? ['Site'] : ['Batch', 'Site'];
    out.push(
      compactTable(
        c,
        [
          PERIOD_TITLES[report.period],
          ...keyTitles,
          ...b.fields.map((f, i) => header(f.label, unitText(bDisplays[i]!, bScale))),
        ],
        b.rows.map((row) => [
          row.label,
          ...(b.kind === 'site' ? [row.site] : [row.batch ?? '', row.site]),
          ...row.values.map((v, i) => displayNumber(c, v, bDisplays[i]!, bScale)),
        ]),
        1 + keyTitles.length,
      ),
    );
  }

  out.push('', c.bold('Summary'));
  const s = report.summary;
  const summaryLines = SUMMARY_FIELDS.map((f) => ({
    label: f.label,
    value: s[f.name],
    text: formatGrouped(s[f.name], OUTPUT_DECIMALS[f.unit]),
    unit: f.unit === 'btc' ? 'BTC' : 'USD',
    note: f.name === 'cash_min_usd' ? ` in ${formatMonth(s.cash_min_month)}` : '',
  }));
  const labelWidth = Math.max(...summaryLines.map((l) => l.label.length));
  const valueWidth = Math.max(...summaryLines.map((l) => l.text.length));
  for (const l of summaryLines) {
    const pad = ' '.repeat(valueWidth - l.text.length);
    out.push(`  ${l.label.padEnd(labelWidth)}  ${pad}${l.value.isNeg() ? c.red(l.text) : l.text} ${l.unit}${l.note}`);
  }

  out.push('', c.bold('Decisions'));
  if (report.decisions.length === 0) out.push('  none');
  const codeWidth = Math.max(0, ...report.decisions.map((d) => d.code.length));
  for (const [month, decisions] of groupByMonth(report.decisions)) {
    out.push(`  ${formatMonth(month)}`);
    for (const d of decisions) {
      const alarm = d.code === 'FUNDING_GAP' || d.code === 'CASH_BELOW_FLOOR';
      const pad = ' '.repeat(codeWidth - d.code.length);
      out.push(`    ${alarm ? c.red(d.code) : d.code}${pad}  ${oneLine(d.subject)}: ${oneLine(d.detail)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** A header cell: the label's words on separate lines, then the unit (bottom-aligned later). */
function header(label: string, unit: string): string {
  return [...label.split(' '), unit].join('\n');
}
