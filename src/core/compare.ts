/**
 * The comparison model of `hashpivot compare`: several runs of one plan (base and
 * scenarios) side by side. Pure: Simulations in, a model of rounded decimals out.
 *
 * Pipeline stage: `Simulation`s -> `Report`s (buildReport, one per run, so every number
 * is aggregated and rounded exactly as `hashpivot run` prints it) -> `Comparison` (this
 * file) -> string (src/io/render-compare.ts).
 *
 * Periods are aligned by label. Runs of one plan usually share a horizon, but a scenario
 * may override `start`, `months` or `end`; a period that a run does not cover holds null
 * for that run (never 0, which would be a value).
 */
import type { Decimal } from './decimal.js';
import type { Month } from './month.js';
import {
  buildReport,
  type Period,
  type Report,
  type ReportColumn,
  type ReportRow,
  type ReportSummary,
} from './report.js';
import type { MetricName, Simulation } from './results.js';

/** One run to compare: a name (`base` or a scenario) and its simulation. */
export interface NamedSimulation {
  readonly name: string;
  readonly simulation: Simulation;
}

export interface ComparisonOptions {
  readonly period: Period;
  /** metrics compared by period, in order (validated by parseColumns) */
  readonly metrics: readonly MetricName[];
}

/** A period present in at least one of several reports. */
export interface AlignedPeriod {
  /** `2027-01`, `2027-Q1` or `2027` */
  readonly label: string;
  /** earliest first month of the period among the reports that cover it */
  readonly first: Month;
  /** latest last month of the period among the reports that cover it */
  readonly last: Month;
  /** aligned with the reports: that report's row for the period, or null */
  readonly rows: readonly (ReportRow | null)[];
}

export interface ComparedRow {
  readonly label: string;
  readonly first: Month;
  readonly last: Month;
  /** aligned with {@link Comparison.scenarios}; rounded for output; null where the run lacks the period */
  readonly values: readonly (Decimal | null)[];
}

export interface ComparedMetric {
  /** name, unit, output places and period rule of the metric */
  readonly column: ReportColumn;
  /** one row per period, in month order */
  readonly rows: readonly ComparedRow[];
}

export interface Comparison {
  readonly period: Period;
  /** run names in the order asked for */
  readonly scenarios: readonly string[];
  /** aligned with {@link scenarios}: each run's summary, rounded for output (BTC 8 dp, USD 2 dp) */
  readonly summaries: readonly ReportSummary[];
  /** one entry per requested metric, in the order asked for */
  readonly metrics: readonly ComparedMetric[];
}

/**
 * Builds the comparison of `runs` (at least one). Each run goes through
 * {@link buildReport} with the same period and metrics, so values are aggregated by each
 * metric's period rule and rounded once, ROUND_HALF_EVEN, to the metric's output places
 * (USD 2 dp, BTC 8 dp, MW and EH/s 3 dp, $/PH/day 2 dp). No further arithmetic here.
 */
export function buildComparison(runs: readonly NamedSimulation[], options: ComparisonOptions): Comparison {
  const reports = runs.map((r) => buildReport(r.simulation, { period: options.period, columns: options.metrics }));
  const periods = alignPeriods(reports);
  const columns = reports[0]?.columns ?? [];
  return {
    period: options.period,
    scenarios: runs.map((r) => r.name),
    summaries: reports.map((r) => r.summary),
    metrics: columns.map((column, c) => ({
      column,
      rows: periods.map((p) => ({
        label: p.label,
        first: p.first,
        last: p.last,
        values: p.rows.map((row) => (row === null ? null : row.values[c]!)),
      })),
    })),
  };
}

/**
 * The union of the reports' periods, ordered by first month; for each, every report's row
 * (or null). Reports built with the same period kind give calendar labels, so one label is
 * one calendar period whichever report it comes from.
 */
export function alignPeriods(reports: readonly Report[]): AlignedPeriod[] {
  const byLabel = new Map<string, { first: Month; last: Month; rows: (ReportRow | null)[] }>();
  reports.forEach((report, i) => {
    for (const row of report.rows) {
      let entry = byLabel.get(row.label);
      if (entry === undefined) {
        entry = { first: row.first, last: row.last, rows: reports.map(() => null) };
        byLabel.set(row.label, entry);
      }
      if (row.first < entry.first) entry.first = row.first;
      if (row.last > entry.last) entry.last = row.last;
      entry.rows[i] = row;
    }
  });
  return [...byLabel.entries()]
    .map(([label, e]) => ({ label, first: e.first, last: e.last, rows: e.rows }))
    .sort((a, b) => a.first - b.first);
}
