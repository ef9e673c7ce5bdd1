/**
 * Sweeps (`hashpivot sweep`): a 1-D or 2-D grid of plan overrides, and one metric of the
 * simulation reduced to one number per grid point.
 *
 * Pure: parsing `--vary` and `--metric` texts, grid arithmetic, and reducing a
 * {@link Simulation} to a number. Loading a point's plan and running the points (in
 * worker threads) is the shell's job (src/cli/sweep-chunk.ts, src/cli/commands/sweep.ts).
 *
 * Grid values are exact decimals: value i of an axis is FROM + i * STEP (never an
 * accumulated sum, never a float), for every i with FROM + i * STEP <= TO. Points are
 * numbered row-major: index = i0 * n1 + i1 for a 2-D grid (first axis = rows).
 *
 * Rounding: a point's result is rounded once, after the reduction, ROUND_HALF_EVEN to the
 * metric unit's output places ({@link OUTPUT_DECIMALS}); a rounded zero is +0.
 */
import { Decimal, dsum } from './decimal.js';
import { formatMonth, parseMonth, type Month } from './month.js';
import { closestName } from './names.js';
import { METRIC_AGGREGATION, SUMMARY_FIELDS, aggregate, roundOutput, type Aggregation, type SummaryField } from './report.js';
import {
  METRIC_NAMES,
  MONTHLY_METRICS,
  OUTPUT_DECIMALS,
  isMetricName,
  type MetricName,
  type MetricUnit,
  type MonthResult,
  type Simulation,
} from './results.js';

/** Most grid points a sweep may have (all axes multiplied). */
export const MAX_SWEEP_POINTS = 100_000;

/** Most `--vary` axes. */
export const MAX_SWEEP_AXES = 2;

/** One `--vary PATH=FROM:TO:STEP`: a plan path and its exact values, ascending. */
export interface SweepAxis {
  /** override path, as `--set` takes it (`market.btc_price_usd.start`) */
  readonly path: string;
  readonly values: readonly Decimal[];
}

/** Why a sweep definition was refused: data for the CLI to print, never thrown. */
export interface SweepError {
  /** one line */
  readonly message: string;
  readonly hint?: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SweepError };

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const VARY_EXAMPLE = 'e.g. --vary market.btc_price_usd.start=40000:120000:10000';

/**
 * Parses one `--vary PATH=FROM:TO:STEP`. FROM, TO and STEP are plain decimals
 * (`-12.5`: no exponent, no `+`); STEP > 0; FROM <= TO. The axis has every FROM + i * STEP <= TO, computed
 * exactly; more than {@link MAX_SWEEP_POINTS} values is refused before any is built.
 */
export function parseVary(text: string): Parsed<SweepAxis> {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  const parts = eq < 0 ? [] : text.slice(eq + 1).split(':');
  if (path === '' || parts.length !== 3) {
    return fail(`--vary expects PATH=FROM:TO:STEP, got \`${text}\``, VARY_EXAMPLE);
  }
  const names = ['FROM', 'TO', 'STEP'] as const;
  const numbers: Decimal[] = [];
  for (let i = 0; i < 3; i++) {
    const part = parts[i]!.trim();
    if (!DECIMAL_TEXT.test(part)) {
      return fail(`--vary ${path}: ${names[i]} must be a plain decimal number, got \`${part}\``, VARY_EXAMPLE);
    }
    numbers.push(new Decimal(part));
  }
  const [from, to, step] = numbers as [Decimal, Decimal, Decimal];
  if (!step.gt(0)) return fail(`--vary ${path}: STEP must be more than 0, got ${step.toFixed()}`, VARY_EXAMPLE);
  if (from.gt(to)) {
    return fail(`--vary ${path}: FROM ${from.toFixed()} is above TO ${to.toFixed()}`, 'write the range low to high: FROM:TO:STEP with FROM <= TO');
  }
  const count = stepCount(from, to, step);
  if (count > MAX_SWEEP_POINTS) {
    return fail(
      `--vary ${path} has ${count} values; a sweep has at most ${MAX_SWEEP_POINTS} points`,
      'use a larger STEP or a narrower range',
    );
  }
  const values: Decimal[] = [];
  for (let i = 0; i < count; i++) values.push(from.plus(step.times(i)));
  return { ok: true, value: { path, values } };
}

/**
 * How many values FROM + i * STEP (i = 0, 1, ...) are <= TO; exact. Capped at
 * MAX_SWEEP_POINTS + 1 so a huge range costs nothing.
 */
function stepCount(from: Decimal, to: Decimal, step: Decimal): number {
  const span = to.minus(from);
  // The quotient is exact or rounded at 40 digits; the two loops correct any rounding.
  let q = span.div(step).toDecimalPlaces(0, Decimal.ROUND_DOWN);
  if (q.gt(MAX_SWEEP_POINTS)) return MAX_SWEEP_POINTS + 1;
  while (from.plus(step.times(q.plus(1))).lte(to)) q = q.plus(1);
  while (q.gt(0) && from.plus(step.times(q)).gt(to)) q = q.minus(1);
  return Math.min(q.toNumber() + 1, MAX_SWEEP_POINTS + 1);
}

/**
 * Checks the axes together: 1 or 2 of them, distinct paths, at most
 * {@link MAX_SWEEP_POINTS} points in all.
 */
export function checkAxes(axes: readonly SweepAxis[]): SweepError | null {
  if (axes.length === 0) return { message: 'sweep needs --vary PATH=FROM:TO:STEP', hint: VARY_EXAMPLE };
  if (axes.length > MAX_SWEEP_AXES) {
    return { message: `sweep takes at most ${MAX_SWEEP_AXES} --vary options, got ${axes.length}`, hint: 'a sweep is a 1-D or 2-D grid' };
  }
  if (axes.length === 2 && axes[0]!.path === axes[1]!.path) {
    return { message: `--vary ${axes[0]!.path} is given twice`, hint: 'vary two different paths' };
  }
  const points = gridSize(axes);
  if (points > MAX_SWEEP_POINTS) {
    return {
      message: `the sweep has ${points} points (${axes.map((a) => a.values.length).join(' x ')}); at most ${MAX_SWEEP_POINTS} are allowed`,
      hint: 'use larger steps or narrower ranges',
    };
  }
  return null;
}

/** Number of points: the product of the axes' lengths. */
export function gridSize(axes: readonly SweepAxis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/** Per-axis value indices of point `index` (row-major: the last axis varies fastest). */
export function pointCoordinates(lengths: readonly number[], index: number): number[] {
  const coordinates = new Array<number>(lengths.length).fill(0);
  let rest = index;
  for (let k = lengths.length - 1; k >= 0; k--) {
    coordinates[k] = rest % lengths[k]!;
    rest = Math.floor(rest / lengths[k]!);
  }
  return coordinates;
}

/** Axis labels for headers: the path's last key, or more keys until the labels differ. */
export function axisLabels(paths: readonly string[]): string[] {
  const split = paths.map((p) => p.split('.'));
  const longest = Math.max(1, ...split.map((s) => s.length));
  for (let k = 1; k <= longest; k++) {
    const labels = split.map((s) => s.slice(-k).join('.'));
    if (new Set(labels).size === labels.length || k === longest) return labels;
  }
  return [...paths];
}

/** How a monthly metric becomes one number. `rule` is the metric's own period rule over the whole horizon. */
export type Reduction =
  | { readonly kind: 'min' | 'max' | 'end' | 'sum' | 'mean' }
  | { readonly kind: 'at'; readonly month: Month }
  | { readonly kind: 'rule'; readonly aggregation: Aggregation };

export const REDUCTION_NAMES: readonly string[] = ['min', 'max', 'end', 'sum', 'mean', 'at=YYYY-MM'];

export type SummaryMetricName = SummaryField['name'];

export type SweepMetric =
  | { readonly kind: 'monthly'; readonly name: MetricName; readonly reduction: Reduction }
  | { readonly kind: 'summary'; readonly name: SummaryMetricName };

const SUMMARY_NAMES: readonly SummaryMetricName[] = SUMMARY_FIELDS.map((f) => f.name);

/** Every name `--metric` accepts: monthly metrics, then summary fields. */
export const SWEEP_METRIC_NAMES: readonly string[] = [...METRIC_NAMES, ...SUMMARY_NAMES];

/**
 * Parses `--metric NAME[:min|max|end|sum|mean|at=YYYY-MM]`. A monthly metric without a
 * reduction uses its period rule over the whole horizon (sum for flows, end for
 * balances, mean for levels, max for the funding gap, per BTC mined / per PH-day for the
 * cost ratios: see docs/results.md). Summary fields take no reduction.
 */
export function parseMetric(text: string): Parsed<SweepMetric> {
  const colon = text.indexOf(':');
  const name = (colon < 0 ? text : text.slice(0, colon)).trim();
  const suffix = colon < 0 ? null : text.slice(colon + 1).trim();
  const summary = SUMMARY_NAMES.find((n) => n === name);
  if (summary !== undefined) {
    if (suffix !== null) {
      return fail(`--metric ${summary} is a summary value and takes no reduction, got \`:${suffix}\``, `write --metric ${summary}`);
    }
    return { ok: true, value: { kind: 'summary', name: summary } };
  }
  if (!isMetricName(name)) {
    const near = closestName(name, SWEEP_METRIC_NAMES) ?? null;
    return fail(
      `unknown metric \`${name}\`${near === null ? '' : ` (did you mean \`${near}\`?)`}`,
      `valid metrics: ${SWEEP_METRIC_NAMES.join(', ')}`,
    );
  }
  if (suffix === null) return { ok: true, value: { kind: 'monthly', name, reduction: { kind: 'rule', aggregation: METRIC_AGGREGATION[name] } } };
  if (suffix === 'min' || suffix === 'max' || suffix === 'end' || suffix === 'sum' || suffix === 'mean') {
    return { ok: true, value: { kind: 'monthly', name, reduction: { kind: suffix } } };
  }
  if (suffix.startsWith('at=')) {
    const month = parseMonth(suffix.slice(3).trim());
    if (month === undefined) return fail(`--metric ${name}: \`${suffix}\` needs a month as YYYY-MM`, `e.g. --metric ${name}:at=2028-12`);
    return { ok: true, value: { kind: 'monthly', name, reduction: { kind: 'at', month } } };
  }
  return fail(`--metric ${name}: unknown reduction \`${suffix}\``, `reductions: ${REDUCTION_NAMES.join(', ')}`);
}

/** The reduction's name in output: `min`, `at=2028-12`, or the period rule (`sum`, `per_ph_day`, ...); null for a summary value. */
export function reductionName(metric: SweepMetric): string | null {
  if (metric.kind === 'summary') return null;
  const r = metric.reduction;
  switch (r.kind) {
    case 'at':
      return `at=${formatMonth(r.month)}`;
    case 'rule':
      return r.aggregation;
    default:
      return r.kind;
  }
}

/** `cash_usd:min`, `btc_held:at=2028-12`, `npv_usd`. */
export function metricLabel(metric: SweepMetric): string {
  const reduction = reductionName(metric);
  return reduction === null ? metric.name : `${metric.name}:${reduction}`;
}

/** Unit kind of the metric's values (output places from {@link OUTPUT_DECIMALS}). */
export function metricUnit(metric: SweepMetric): MetricUnit {
  if (metric.kind === 'monthly') return MONTHLY_METRICS[metric.name];
  return SUMMARY_FIELDS.find((f) => f.name === metric.name)!.unit;
}

export function metricDecimals(metric: SweepMetric): number {
  return OUTPUT_DECIMALS[metricUnit(metric)];
}

/**
 * The metric's value for one simulation, rounded for output (ROUND_HALF_EVEN, unit's
 * places). Null when an `at` month lies outside the simulation's months.
 */
export function sweepValue(sim: Simulation, metric: SweepMetric): Decimal | null {
  const value = metric.kind === 'summary' ? sim.summary[metric.name] : reduceMonths(sim.months, metric.name, metric.reduction);
  return value === null ? null : roundOutput(value, metricDecimals(metric));
}

/** Unrounded reduction of one monthly metric over the (non-empty, ascending) months. */
function reduceMonths(months: readonly MonthResult[], name: MetricName, reduction: Reduction): Decimal | null {
  const values = months.map((m) => m[name]);
  if (values.length === 0) return null;
  switch (reduction.kind) {
    case 'min':
      return values.reduce((a, b) => (b.lt(a) ? b : a));
    case 'max':
      return values.reduce((a, b) => (b.gt(a) ? b : a));
    case 'end':
      return values[values.length - 1]!;
    case 'sum':
      return dsum(values);
    case 'mean':
      return dsum(values).div(values.length);
    case 'at': {
      const m = months.find((x) => x.month === reduction.month);
      return m === undefined ? null : m[name];
    }
    case 'rule':
      return aggregate(months, name, reduction.aggregation);
  }
}

/** A sweep's result model: what every renderer reads. */
export interface SweepReport {
  readonly plan: { readonly name: string; readonly file: string; readonly sha256: string };
  /** `base` or a scenario name */
  readonly scenario: string;
  readonly metric: SweepMetric;
  readonly axes: readonly {
    readonly path: string;
    /** header label: the path's last key (more keys if two axes share it) */
    readonly label: string;
    /** exact values as plain decimal text (`0.1`, `40000`) */
    readonly values: readonly string[];
  }[];
  /** one per point, row-major; plain decimal text with the metric's output places */
  readonly results: readonly string[];
}

/** Plain text of a grid value: exact, no exponent, no trailing zeros (`0.1`, `40000`). */
export function valueText(x: Decimal): string {
  return x.isZero() ? '0' : x.toFixed();
}

function fail<T>(message: string, hint?: string): Parsed<T> {
  return { ok: false, error: hint === undefined ? { message } : { message, hint } };
}
