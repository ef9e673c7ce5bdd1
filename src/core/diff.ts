/**
 * Result deltas of `hashpivot diff`: the same scenario of two versions of a plan (OLD and
 * NEW), summary and per-period metrics side by side with their changes. Pure.
 *
 * Pipeline stage: two `Simulation`s -> two `Report`s (buildReport: aggregated and rounded
 * exactly as `hashpivot run` prints them) -> `ResultDiff` (this file) -> string
 * (src/io/render-diff.ts).
 *
 * Deltas are taken between the ROUNDED output values, so `new - old = delta` holds for
 * the printed numbers digit for digit; a delta is exact (both sides have the metric's
 * places) and needs no further rounding. Percent changes are rounded to 2 dp,
 * ROUND_HALF_EVEN. Periods are aligned by label: a plan rolled forward a quarter has
 * periods only OLD or only NEW covers; their values on the other side are null.
 */
import { HUNDRED, type Decimal } from './decimal.js';
import type { Month } from './month.js';
import { alignPeriods } from './compare.js';
import {
  SUMMARY_FIELDS,
  buildReport,
  roundOutput,
  type Period,
  type ReportColumn,
  type SummaryField,
} from './report.js';
import { OUTPUT_DECIMALS, type MetricName, type Simulation } from './results.js';

/** Decimal places of percent changes. */
export const PERCENT_DECIMALS = 2;

/** One value in OLD and NEW and how it changed. */
export interface Change {
  /** null when OLD does not have the value (a period only NEW covers) */
  readonly old: Decimal | null;
  readonly new: Decimal | null;
  /** new - old at output precision; null unless both sides have a value */
  readonly delta: Decimal | null;
  /** (new - old) / |old| * 100, 2 dp; null when old is 0 or a side is missing */
  readonly pct: Decimal | null;
}

/**
 * Percent change from `old` to `new`: (new - old) / |old| * 100, rounded to 2 dp,
 * ROUND_HALF_EVEN, +0 for a zero. Dividing by |old| keeps the sign of the change: cash
 * going from -200 to -150 is +25.00% (up), not -25.00%. Null when old is 0: a percent
 * of nothing has no meaning.
 */
export function percentChange(oldValue: Decimal, newValue: Decimal): Decimal | null {
  if (oldValue.isZero()) return null;
  return roundOutput(newValue.minus(oldValue).div(oldValue.abs()).times(HUNDRED), PERCENT_DECIMALS);
}

/**
 * The change between two output values of the same unit, both already rounded to
 * `places`. The delta is exact at `places` (rounding only turns -0 into +0).
 */
export function changeOf(oldValue: Decimal | null, newValue: Decimal | null, places: number): Change {
  if (oldValue === null || newValue === null) return { old: oldValue, new: newValue, delta: null, pct: null };
  return {
    old: oldValue,
    new: newValue,
    delta: roundOutput(newValue.minus(oldValue), places),
    pct: percentChange(oldValue, newValue),
  };
}

/** True when the change is something: a nonzero delta or a value on one side only. */
export function isChanged(c: Change): boolean {
  return c.delta === null ? c.old !== null || c.new !== null : !c.delta.isZero();
}

export interface SummaryChange {
  readonly field: SummaryField;
  readonly change: Change;
}

export interface PeriodChange {
  readonly label: string;
  /** earliest first month of the period in OLD or NEW */
  readonly first: Month;
  /** latest last month of the period in OLD or NEW */
  readonly last: Month;
  readonly change: Change;
}

export interface MetricChanges {
  readonly column: ReportColumn;
  /** one entry per period OLD or NEW covers, in month order */
  readonly rows: readonly PeriodChange[];
}

export interface ResultDiff {
  readonly period: Period;
  /** {@link SUMMARY_FIELDS} in order */
  readonly summary: readonly SummaryChange[];
  /** the month of the lowest cash in OLD and in NEW (a month, so no delta) */
  readonly cashMinMonth: { readonly old: Month; readonly new: Month };
  /** one entry per requested metric, in the order asked for */
  readonly metrics: readonly MetricChanges[];
  /** false exactly when every delta is zero, no period is one-sided and the lowest-cash month is the same */
  readonly changed: boolean;
}

export interface DiffOptions {
  readonly period: Period;
  /** metrics compared by period, in order (validated by parseColumns) */
  readonly metrics: readonly MetricName[];
}

/** Builds the result deltas from the OLD and NEW simulations of one scenario. */
export function diffResults(oldSim: Simulation, newSim: Simulation, options: DiffOptions): ResultDiff {
  const reportOptions = { period: options.period, columns: options.metrics };
  const oldReport = buildReport(oldSim, reportOptions);
  const newReport = buildReport(newSim, reportOptions);
  const summary = SUMMARY_FIELDS.map((field) => ({
    field,
    change: changeOf(oldReport.summary[field.name], newReport.summary[field.name], OUTPUT_DECIMALS[field.unit]),
  }));
  const periods = alignPeriods([oldReport, newReport]);
  const metrics = oldReport.columns.map((column, c) => ({
    column,
    rows: periods.map((p) => ({
      label: p.label,
      first: p.first,
      last: p.last,
      change: changeOf(p.rows[0]?.values[c] ?? null, p.rows[1]?.values[c] ?? null, column.decimals),
    })),
  }));
  const cashMinMonth = { old: oldReport.summary.cash_min_month, new: newReport.summary.cash_min_month };
  const changed =
    cashMinMonth.old !== cashMinMonth.new ||
    summary.some((s) => isChanged(s.change)) ||
    metrics.some((m) => m.rows.some((r) => isChanged(r.change)));
  return { period: options.period, summary, cashMinMonth, metrics, changed };
}
