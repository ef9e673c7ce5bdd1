/**
 * Renders check results: text for people, JSON for tools, GitHub workflow annotations for
 * CI (`::error file=F,line=L::...` at the failing check's line).
 */
import type { CheckResult } from '../core/checks.js';
import type { Decimal } from '../core/decimal.js';
import { formatMonth } from '../core/month.js';
import { roundOutput } from '../core/report.js';
import { MONTHLY_METRICS, OUTPUT_DECIMALS, isMetricName } from '../core/results.js';
import { formatGrouped } from './format-number.js';
import { oneLine } from './one-line.js';
import { exact, int, num, obj, stringifyJson } from './json-text.js';

/** One plan's results, with where each check is written (1-based line, or undefined). */
export interface PlanChecks {
  readonly file: string;
  readonly results: readonly CheckResult[];
  readonly checkLines: readonly (number | undefined)[];
}

function decimalsOf(metric: string): number {
  return isMetricName(metric) ? OUTPUT_DECIMALS[MONTHLY_METRICS[metric]] : 2;
}

function shown(metric: string, x: Decimal): string {
  const places = decimalsOf(metric);
  return formatGrouped(roundOutput(x, places), places);
}

/** The bounds as written: `cash_usd >= 75,000,000` or `0 <= x <= 5`. */
export function boundsText(r: CheckResult): string {
  const { metric, min, max } = r.check;
  const places = decimalsOf(metric);
  const g = (x: Decimal) => formatGrouped(x, Math.min(places, Math.max(0, x.decimalPlaces())));
  if (min !== null && max !== null) return `${g(min)} <= ${metric} <= ${g(max)}`;
  if (min !== null) return `${metric} >= ${g(min)}`;
  return `${metric} <= ${g(max!)}`;
}

function scopeText(r: CheckResult): string {
  const c = r.check;
  if (c.at !== null) return ` at ${formatMonth(c.at)}`;
  if (c.from !== null || c.to !== null) return ` from ${c.from !== null ? formatMonth(c.from) : 'start'} to ${c.to !== null ? formatMonth(c.to) : 'end'}`;
  return '';
}

/** "bear: cash_usd 61,234,567.89 < min 75,000,000 in 2028-03 (first of 12 months)" */
export function breachText(r: CheckResult): string {
  const b = r.firstBreach!;
  const op = b.side === 'min' ? '<' : '>';
  const months = r.monthsBreached === 1 ? '1 month' : `${r.monthsBreached} months`;
  return `${r.check.metric} ${shown(r.check.metric, b.value)} ${op} ${b.side} ${formatGrouped(b.bound, Math.max(0, b.bound.decimalPlaces()))} in ${formatMonth(b.month)} (first of ${months} breached)`;
}

export function renderChecksText(plans: readonly PlanChecks[]): string {
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(plan.file);
    const nameWidth = Math.max(4, ...plan.results.map((r) => oneLine(r.check.name).length));
    const scenarioWidth = Math.max(8, ...plan.results.map((r) => r.scenario.length));
    for (const r of plan.results) {
      const head = `  ${r.passed ? 'pass' : 'FAIL'}  ${oneLine(r.check.name).padEnd(nameWidth)}  ${r.scenario.padEnd(scenarioWidth)}  `;
      lines.push(head + (r.passed ? `${boundsText(r)}${scopeText(r)}` : breachText(r)));
    }
    if (plan.results.length === 0) lines.push('  (no checks in this plan)');
  }
  const all = plans.flatMap((p) => p.results);
  const failed = all.filter((r) => !r.passed).length;
  lines.push(`${all.length - failed} passed, ${failed} failed`);
  return lines.join('\n') + '\n';
}

export function renderChecksJson(plans: readonly PlanChecks[]): string {
  const all = plans.flatMap((p) => p.results);
  const failed = all.filter((r) => !r.passed).length;
  const doc = obj([
    ['schema', 'hashpivot.check/1'],
    ['passed', int(all.length - failed)],
    ['failed', int(failed)],
    [
      'plans',
      plans.map((p) =>
        obj([
          ['file', p.file],
          [
            'checks',
            p.results.map((r) =>
              obj([
                ['name', r.check.name],
                ['metric', r.check.metric],
                ['scenario', r.scenario],
                ['status', r.passed ? 'pass' : 'fail'],
                ['min', r.check.min === null ? null : exact(r.check.min)],
                ['max', r.check.max === null ? null : exact(r.check.max)],
                ['months_tested', int(r.monthsTested)],
                ['months_breached', int(r.monthsBreached)],
                [
                  'first_breach',
                  r.firstBreach === null
                    ? null
                    : obj([
                        ['month', formatMonth(r.firstBreach.month)],
                        ['value', num(r.firstBreach.value, decimalsOf(r.check.metric))],
                        ['bound', exact(r.firstBreach.bound)],
                        ['side', r.firstBreach.side],
                      ]),
                ],
                ['line', p.checkLines[r.index] === undefined ? null : int(p.checkLines[r.index]!)],
              ]),
            ),
          ],
        ]),
      ),
    ],
  ]);
  return `${stringifyJson(doc)}\n`;
}

/** GitHub workflow commands: escape % \r \n in messages, and , : too in properties. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function renderChecksGithub(plans: readonly PlanChecks[]): string {
  const lines: string[] = [];
  for (const plan of plans) {
    for (const r of plan.results) {
      if (r.passed) continue;
      const line = plan.checkLines[r.index];
      const props = [`file=${escapeProperty(plan.file)}`, ...(line !== undefined ? [`line=${line}`] : []), `title=${escapeProperty(`check failed: ${r.check.name}`)}`];
      lines.push(`::error ${props.join(',')}::${escapeData(`${r.check.name} (${r.scenario}): ${breachText(r)}`)}`);
    }
  }
  const all = plans.flatMap((p) => p.results);
  const failed = all.filter((r) => !r.passed).length;
  lines.push(`${all.length - failed} passed, ${failed} failed`);
  return lines.join('\n') + '\n';
}
