/**
 * `--format md`: GitHub-flavoured Markdown. A heading with the plan and scenario, the
 * period table (numeric columns right-aligned, full output precision, thousands
 * separators), the breakdown table when `--by` was given, the summary as a two-column
 * table, and the decisions grouped by month as a nested list. LF line endings, one
 * trailing newline.
 */
import { formatMonth, type Month } from '../core/month.js';
import {
  BREAKDOWN_DECIMALS,
  METRIC_LABELS,
  SUMMARY_FIELDS,
  type Report,
  type ReportDecision,
  type ReportTitle,
} from '../core/report.js';
import { OUTPUT_DECIMALS } from '../core/results.js';
import { PERIOD_TITLES } from './display.js';
import { formatGrouped } from './format-number.js';
import { escapeCode, escapeMd, mdTable } from './markdown.js';


/** Renders the report as a GitHub-flavoured Markdown document. */
export function renderMarkdown(report: Report, meta: ReportTitle): string {
  const out: string[] = [];
  out.push(`# ${escapeMd(meta.plan.name)}`, '');
  out.push(
    `Scenario \`${escapeCode(meta.scenario)}\`, plan file \`${escapeCode(meta.plan.file)}\`, ` +
      `by ${report.period}.`,
    '',
  );

  const periodTitle = PERIOD_TITLES[report.period];
  out.push(
    ...mdTable(
      [periodTitle, ...report.columns.map((c) => `${METRIC_LABELS[c.name].label} (${METRIC_LABELS[c.name].unit})`)],
      [false, ...report.columns.map(() => true)],
      report.rows.map((row) => [row.label, ...report.columns.map((c, i) => formatGrouped(row.values[i]!, c.decimals))]),
    ),
    '',
  );

  const b = report.breakdown;
  if (b !== null) {
    out.push(`## By ${b.kind}`, '');
    const keyTitles = b.kind === 'site' ? ['Site'] : ['Batch', 'Site'];
    out.push(
      ...mdTable(
        [periodTitle, ...keyTitles, ...b.fields.map((f) => `${f.label} (${f.unitText})`)],
        [false, ...keyTitles.map(() => false), ...b.fields.map(() => true)],
        b.rows.map((row) => [
          row.label,
          ...(b.kind === 'site' ? [row.site] : [row.batch ?? '', row.site]),
          ...b.fields.map((f, i) => formatGrouped(row.values[i]!, BREAKDOWN_DECIMALS[f.unit])),
        ]),
      ),
      '',
    );
  }

  out.push('## Summary', '');
  const s = report.summary;
  const summaryRows: string[][] = [];
  for (const f of SUMMARY_FIELDS) {
    summaryRows.push([`${f.label} (${f.unitText})`, formatGrouped(s[f.name], OUTPUT_DECIMALS[f.unit])]);
    if (f.name === 'cash_min_usd') summaryRows.push(['Lowest cash month', formatMonth(s.cash_min_month)]);
  }
  out.push(...mdTable(['Summary', 'Value'], [false, true], summaryRows), '');

  out.push('## Decisions', '');
  if (report.decisions.length === 0) out.push('None.');
  for (const [month, decisions] of groupByMonth(report.decisions)) {
    out.push(`- **${formatMonth(month)}**`);
    for (const d of decisions) out.push(`  - \`${d.code}\` ${escapeMd(d.subject)}: ${escapeMd(d.detail)}`);
  }
  out.push('');
  return out.join('\n');
}

/** Decisions grouped by month, months in first-appearance order (the report's month order). */
export function groupByMonth(decisions: readonly ReportDecision[]): [Month, ReportDecision[]][] {
  const groups: [Month, ReportDecision[]][] = [];
  for (const d of decisions) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0] === d.month) last[1].push(d);
    else groups.push([d.month, [d]]);
  }
  return groups;
}
