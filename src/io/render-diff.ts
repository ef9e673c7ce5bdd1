/**
 * Renderers of `hashpivot diff` (one {@link PlanDiff} model, four formats; the layout is
 * documented in docs/compare-diff.md):
 *
 * - table: input changes (path, old, new), the summary (old, new, change, change %), then
 *   the change of every metric by period (new - old) with `run`'s compact display.
 * - md: the same at full output precision.
 * - json: `hashpivot.diff/1`, stable key order, plain decimals; old and new values of
 *   every period too.
 * - csv: long format, one record per input change, summary field and period x metric.
 *
 * Percent changes are printed with 2 decimals; blank (null in JSON) when the old value is
 * 0. In table and md, positive changes carry a `+`.
 */
import { Chalk } from 'chalk';
import type { Change, ResultDiff } from '../core/diff.js';
import { PERCENT_DECIMALS } from '../core/diff.js';
import type { Decimal } from '../core/decimal.js';
import { formatMonth } from '../core/month.js';
import { METRIC_LABELS, type ReportMeta } from '../core/report.js';
import { OUTPUT_DECIMALS } from '../core/results.js';
import { formatGrouped, formatPlain } from './format-number.js';
import { num, obj, planJson, stringifyJson, type Json } from './json-text.js';
import type { InputChange } from './plan-diff.js';
import {
  PERIOD_ADVERBS,
  PERIOD_TITLES,
  compactTable,
  displayNumber,
  metricDisplay,
  moneyScale,
  signedRed,
  unitText,
  withPlus,
} from './display.js';
import { oneLine } from './one-line.js';
import { escapeCode, escapeMd, mdCellText, mdTable } from './markdown.js';
import { MISSING, csvRecord, periodEntries, periodFields, periodHeader } from './render-compare.js';

export const DIFF_SCHEMA = 'hashpivot.diff/1';

/** What `hashpivot diff` found: input changes and result deltas of one scenario. */
export interface PlanDiff {
  /** in document order (see plan-diff.ts) */
  readonly inputs: readonly InputChange[];
  readonly results: ResultDiff;
}

export interface DiffMeta {
  readonly old: ReportMeta['plan'];
  readonly new: ReportMeta['plan'];
  /** `base` or the scenario diffed */
  readonly scenario: string;
}

/** True when the plans differ in an input or a result. */
export function hasChanges(diff: PlanDiff): boolean {
  return diff.inputs.length > 0 || diff.results.changed;
}

/** Text of an absent value (a key only one plan has) in table and md. */
const ABSENT = '(absent)';

const SUMMARY_HEADER = ['Summary', 'Old', 'New', 'Change', 'Change %'];

// ---------------------------------------------------------------------------------------
// table

export interface DiffTableOptions {
  readonly color: boolean;
}

/** Renders the diff for a terminal. No trailing spaces; ends with a newline. */
export function renderDiffTable(diff: PlanDiff, meta: DiffMeta, options: DiffTableOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const r = diff.results;
  const out: string[] = [];
  out.push(c.bold(`diff · scenario ${oneLine(meta.scenario)} · ${PERIOD_ADVERBS[r.period]}`));
  out.push(`  old  ${oneLine(meta.old.file)}  ${oneLine(meta.old.name)}`);
  out.push(`  new  ${oneLine(meta.new.file)}  ${oneLine(meta.new.name)}`);
  out.push('');
  if (!hasChanges(diff)) out.push('No change: the plans have the same inputs and the same results.', '');

  if (diff.inputs.length === 0) out.push(`${c.bold('Input changes')}: none`);
  else {
    out.push(c.bold(`Input changes (${diff.inputs.length})`));
    out.push(
      compactTable(
        c,
        ['Path', 'Old', 'New'],
        diff.inputs.map((i) => [oneLine(i.path), oneLine(i.old ?? ABSENT), oneLine(i.new ?? ABSENT)]),
        3,
      ),
    );
  }

  out.push('', c.bold('Summary'));
  out.push(
    compactTable(
      c,
      ['', ...SUMMARY_HEADER.slice(1)],
      summaryRows(r, (v, places) => signedRed(c, formatGrouped(v, places)), (t) => signedRed(c, t)),
      1,
    ),
  );

  out.push('');
  const title = `Change by ${r.period} (new - old)`;
  if (!r.metrics.some((m) => m.rows.some((row) => row.change.delta === null || !row.change.delta.isZero()))) {
    out.push(`${c.bold(title)}: none`);
  } else {
    out.push(c.bold(title));
    const displays = r.metrics.map((m) => metricDisplay(m.column.name));
    const scale = moneyScale(
      r.metrics.flatMap((m, i) =>
        displays[i]!.kind === 'money' ? m.rows.flatMap((row) => (row.change.delta === null ? [] : [row.change.delta])) : [],
      ),
    );
    const periods = r.metrics[0]?.rows ?? [];
    out.push(
      compactTable(
        c,
        [
          PERIOD_TITLES[r.period],
          ...r.metrics.map((m, i) => [...METRIC_LABELS[m.column.name].label.split(' '), unitText(displays[i]!, scale)].join('\n')),
        ],
        periods.map((p, row) => [
          p.label,
          ...r.metrics.map((m, i) => {
            const delta = m.rows[row]!.change.delta;
            return delta === null ? MISSING : displayNumber(c, delta, displays[i]!, scale, true);
          }),
        ]),
        1,
      ),
    );
    if (periods.some((_, row) => r.metrics.some((m) => m.rows[row]!.change.delta === null))) {
      out.push(`${MISSING}: a ${r.period} only one of the plans covers`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * Summary rows: label, old, new, change (with `+`), change % (with `+` and `%`; blank when
 * old is 0); the lowest-cash month after the lowest cash, with no change columns.
 */
function summaryRows(
  r: ResultDiff,
  value: (v: Decimal, places: number) => string,
  change: (text: string) => string,
): string[][] {
  const rows: string[][] = [];
  for (const s of r.summary) {
    const places = OUTPUT_DECIMALS[s.field.unit];
    const ch = s.change;
    rows.push([
      `${s.field.label} (${s.field.unitText})`,
      ch.old === null ? '' : value(ch.old, places),
      ch.new === null ? '' : value(ch.new, places),
      ch.delta === null ? '' : change(withPlus(formatGrouped(ch.delta, places))),
      ch.pct === null ? '' : change(`${withPlus(formatPlain(ch.pct, PERCENT_DECIMALS))}%`),
    ]);
    if (s.field.name === 'cash_min_usd') {
      rows.push(['Lowest cash month', formatMonth(r.cashMinMonth.old), formatMonth(r.cashMinMonth.new), '', '']);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Markdown

/** Renders the diff as GitHub-flavoured Markdown (LF line ends, one trailing newline). */
export function renderDiffMarkdown(diff: PlanDiff, meta: DiffMeta): string {
  const r = diff.results;
  const out: string[] = [];
  out.push(`# Diff: ${escapeMd(meta.new.name)}`, '');
  out.push(
    `Old plan \`${escapeCode(meta.old.file)}\`, new plan \`${escapeCode(meta.new.file)}\`, ` +
      `scenario \`${escapeCode(meta.scenario)}\`, by ${r.period}.`,
    '',
  );
  if (!hasChanges(diff)) out.push('No change: the plans have the same inputs and the same results.', '');

  out.push('## Input changes', '');
  if (diff.inputs.length === 0) out.push('None.');
  else {
    out.push(
      ...mdTable(
        ['Path', 'Old', 'New'],
        [false, false, false],
        diff.inputs.map((i) => [`\`${escapeCode(i.path)}\``, mdCellText(i.old ?? ABSENT), mdCellText(i.new ?? ABSENT)]),
      ),
    );
  }
  out.push('');

  out.push('## Summary', '');
  out.push(...mdTable(SUMMARY_HEADER, [false, true, true, true, true], summaryRows(r, formatGrouped, (t) => t)), '');

  out.push(`## Change by ${r.period} (new - old)`, '');
  if (!r.metrics.some((m) => m.rows.some((row) => row.change.delta === null || !row.change.delta.isZero()))) {
    out.push('None.');
  } else {
    const periods = r.metrics[0]?.rows ?? [];
    out.push(
      ...mdTable(
        [PERIOD_TITLES[r.period], ...r.metrics.map((m) => `${METRIC_LABELS[m.column.name].label} (${METRIC_LABELS[m.column.name].unit})`)],
        [false, ...r.metrics.map(() => true)],
        periods.map((p, row) => [
          p.label,
          ...r.metrics.map((m) => {
            const delta = m.rows[row]!.change.delta;
            return delta === null ? MISSING : withPlus(formatGrouped(delta, m.column.decimals));
          }),
        ]),
      ),
    );
  }
  out.push('');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------
// JSON

/** Renders the `hashpivot.diff/1` JSON document. */
export function renderDiffJson(diff: PlanDiff, meta: DiffMeta): string {
  const r = diff.results;
  const summary: (readonly [string, Json])[] = [];
  for (const s of r.summary) {
    summary.push([s.field.name, changeJson(s.change, OUTPUT_DECIMALS[s.field.unit])]);
    if (s.field.name === 'cash_min_usd') {
      summary.push([
        'cash_min_month',
        obj([
          ['old', formatMonth(r.cashMinMonth.old)],
          ['new', formatMonth(r.cashMinMonth.new)],
        ]),
      ]);
    }
  }
  const doc = obj([
    ['schema', DIFF_SCHEMA],
    ['old', planJson(meta.old)],
    ['new', planJson(meta.new)],
    ['scenario', meta.scenario],
    ['period', r.period],
    ['changed', hasChanges(diff)],
    [
      'inputs',
      diff.inputs.map((i) =>
        obj([
          ['path', i.path],
          ['change', i.kind],
          ['old', i.old],
          ['new', i.new],
        ]),
      ),
    ],
    ['summary', obj(summary)],
    [
      'metrics',
      obj(
        r.metrics.map((m) => [
          m.column.name,
          m.rows.map((row) => obj([...periodEntries(r.period, row), ...changeEntries(row.change, m.column.decimals)])),
        ]),
      ),
    ],
  ]);
  return `${stringifyJson(doc)}\n`;
}

function changeEntries(ch: Change, places: number): (readonly [string, Json])[] {
  const n = (v: Decimal | null, p: number): Json => (v === null ? null : num(v, p));
  return [
    ['old', n(ch.old, places)],
    ['new', n(ch.new, places)],
    ['delta', n(ch.delta, places)],
    ['delta_pct', n(ch.pct, PERCENT_DECIMALS)],
  ];
}

function changeJson(ch: Change, places: number): Json {
  return obj(changeEntries(ch, places));
}

// ---------------------------------------------------------------------------------------
// CSV

/**
 * Long-format CSV: `section,month,name,old,new,delta,delta_pct` (or `section,period,
 * first_month,last_month,name,...`). Sections in order: `input` (name = path, old/new the
 * values as text, blank when absent; no delta), `summary` (period fields blank;
 * `cash_min_month` holds months and no delta), `metric` (period by period, metric by
 * metric; old or new blank for a period only one plan covers). RFC 4180, CRLF line ends.
 */
export function renderDiffCsv(diff: PlanDiff): string {
  const r = diff.results;
  const blank = Array<string>(r.period === 'month' ? 1 : 3).fill('');
  const text = (v: Decimal | null, places: number): string => (v === null ? '' : formatPlain(v, places));
  const changeFields = (ch: Change, places: number): string[] => [
    text(ch.old, places),
    text(ch.new, places),
    text(ch.delta, places),
    text(ch.pct, PERCENT_DECIMALS),
  ];
  const lines = [csvRecord(['section', ...periodHeader(r.period), 'name', 'old', 'new', 'delta', 'delta_pct'])];
  for (const i of diff.inputs) lines.push(csvRecord(['input', ...blank, i.path, i.old ?? '', i.new ?? '', '', '']));
  for (const s of r.summary) {
    lines.push(csvRecord(['summary', ...blank, s.field.name, ...changeFields(s.change, OUTPUT_DECIMALS[s.field.unit])]));
    if (s.field.name === 'cash_min_usd') {
      lines.push(csvRecord(['summary', ...blank, 'cash_min_month', formatMonth(r.cashMinMonth.old), formatMonth(r.cashMinMonth.new), '', '']));
    }
  }
  const periods = r.metrics[0]?.rows ?? [];
  periods.forEach((p, row) => {
    for (const m of r.metrics) {
      lines.push(csvRecord(['metric', ...periodFields(r.period, p), m.column.name, ...changeFields(m.rows[row]!.change, m.column.decimals)]));
    }
  });
  return lines.join('');
}
