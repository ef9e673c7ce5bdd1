/**
 * The report model: a {@link Simulation} folded into output periods (month, quarter, year),
 * with the chosen metrics aggregated per period and ROUNDED FOR OUTPUT. Every renderer
 * (json, csv, md, table) reads only this model, so they all print the same numbers.
 *
 * Pipeline stage: `Simulation` -> `Report` (this file) -> string (src/io/render-*.ts).
 *
 * Rounding: once, after aggregation, ROUND_HALF_EVEN, to the unit's output places
 * (USD 2 dp, BTC 8 dp, MW and EH/s 3 dp, $/PH/day 2 dp; see {@link OUTPUT_DECIMALS}).
 * A rounded zero is always +0 (never "-0.00").
 *
 * Periods are calendar periods: `2027-01`, `2027-Q1`, `2027`. A period the horizon only
 * partly covers (a plan starting in February, or ending mid-quarter) aggregates the months
 * it has; `monthCount` says how many.
 */
import { Decimal, ZERO, dsum } from './decimal.js';
import { calendarMonthOf, daysInMonth, formatMonth, yearOf, type Month } from './month.js';
import { closestName } from './names.js';
import {
  METRIC_NAMES,
  MONTHLY_METRICS,
  OUTPUT_DECIMALS,
  isMetricName,
  type Decision,
  type DecisionCode,
  type MetricName,
  type MetricUnit,
  type MonthResult,
  type Simulation,
  type Summary,
} from './results.js';

export type Period = 'month' | 'quarter' | 'year';
export const PERIODS: readonly Period[] = ['month', 'quarter', 'year'];

export type BreakdownKind = 'site' | 'batch';
export const BREAKDOWN_KINDS: readonly BreakdownKind[] = ['site', 'batch'];

/**
 * How a monthly metric becomes a period value (applied before rounding):
 * - `sum`: flows (BTC and USD moved during the month) add up.
 * - `end`: balances take the value of the period's last month.
 * - `mean`: levels, prices and rates: arithmetic mean over the period's months
 *   (each month weighs the same, whatever its days).
 * - `max`: the largest monthly value (funding gap: the worst month of the period).
 * - `per_btc_mined`: sum(value * btc_mined) / sum(btc_mined), i.e. the period's mining
 *   energy cost divided by the period's BTC mined (recomputed from sums, not an average
 *   of monthly ratios); 0 when nothing was mined.
 * - `per_ph_day`: sum(value * fleet_hashrate * days) / sum(fleet_hashrate * days), i.e.
 *   the period's mining energy cost divided by the PH/s-days of effective hashrate;
 *   0 when no hashrate ran.
 */
export type Aggregation = 'sum' | 'end' | 'mean' | 'max' | 'per_btc_mined' | 'per_ph_day';

export const METRIC_AGGREGATION: Readonly<Record<MetricName, Aggregation>> = {
  btc_price_usd: 'mean',
  network_hashrate_ehs: 'mean',
  block_reward_btc: 'mean',
  hashprice_usd_per_ph_day: 'mean',
  capacity_mw: 'mean',
  mining_mw: 'mean',
  hosting_mw: 'mean',
  idle_mw: 'mean',
  fleet_hashrate_ehs: 'mean',
  btc_mined: 'sum',
  btc_sold: 'sum',
  btc_bought: 'sum',
  btc_held: 'end',
  mining_revenue_usd: 'sum',
  hosting_revenue_usd: 'sum',
  power_cost_usd: 'sum',
  power_credits_usd: 'sum',
  opex_usd: 'sum',
  capex_usd: 'sum',
  interest_usd: 'sum',
  debt_flows_usd: 'sum',
  other_flows_usd: 'sum',
  sale_proceeds_usd: 'sum',
  purchase_cost_usd: 'sum',
  realized_gain_usd: 'sum',
  net_cash_flow_usd: 'sum',
  cash_usd: 'end',
  btc_value_usd: 'end',
  funding_gap_usd: 'max',
  hashcost_usd_per_ph_day: 'per_ph_day',
  power_cost_per_btc_usd: 'per_btc_mined',
};

/** Human label and unit text of each metric, for the table and Markdown headers. */
export const METRIC_LABELS: Readonly<Record<MetricName, { readonly label: string; readonly unit: string }>> = {
  btc_price_usd: { label: 'BTC price', unit: '$' },
  network_hashrate_ehs: { label: 'Network', unit: 'EH/s' },
  block_reward_btc: { label: 'Reward', unit: 'BTC/block' },
  hashprice_usd_per_ph_day: { label: 'Hashprice', unit: '$/PH/d' },
  capacity_mw: { label: 'Capacity', unit: 'MW' },
  mining_mw: { label: 'Mining', unit: 'MW' },
  hosting_mw: { label: 'Hosting', unit: 'MW' },
  idle_mw: { label: 'Idle', unit: 'MW' },
  fleet_hashrate_ehs: { label: 'Fleet', unit: 'EH/s' },
  btc_mined: { label: 'Mined', unit: 'BTC' },
  btc_sold: { label: 'Sold', unit: 'BTC' },
  btc_bought: { label: 'Bought', unit: 'BTC' },
  btc_held: { label: 'Held', unit: 'BTC' },
  mining_revenue_usd: { label: 'Mining rev', unit: '$' },
  hosting_revenue_usd: { label: 'Hosting rev', unit: '$' },
  power_cost_usd: { label: 'Power', unit: '$' },
  power_credits_usd: { label: 'Power credits', unit: '$' },
  opex_usd: { label: 'Opex', unit: '$' },
  capex_usd: { label: 'Capex', unit: '$' },
  interest_usd: { label: 'Interest', unit: '$' },
  debt_flows_usd: { label: 'Debt flows', unit: '$' },
  other_flows_usd: { label: 'Other flows', unit: '$' },
  sale_proceeds_usd: { label: 'Sale proceeds', unit: '$' },
  purchase_cost_usd: { label: 'Purchases', unit: '$' },
  realized_gain_usd: { label: 'Realized gain', unit: '$' },
  net_cash_flow_usd: { label: 'Net cash flow', unit: '$' },
  cash_usd: { label: 'Cash', unit: '$' },
  btc_value_usd: { label: 'BTC value', unit: '$' },
  funding_gap_usd: { label: 'Funding gap', unit: '$' },
  hashcost_usd_per_ph_day: { label: 'Hashcost', unit: '$/PH/d' },
  power_cost_per_btc_usd: { label: 'Power cost/BTC', unit: '$' },
};

/**
 * Default columns of `--format table` and `--format md` (the month/period column is
 * always first and not listed). Chosen to fit 120 terminal columns with the table's
 * compact number display. JSON and CSV default to every metric ({@link METRIC_NAMES}).
 */
export const DEFAULT_TABLE_COLUMNS: readonly MetricName[] = [
  'btc_price_usd',
  'hashprice_usd_per_ph_day',
  'mining_mw',
  'hosting_mw',
  'idle_mw',
  'fleet_hashrate_ehs',
  'btc_mined',
  'btc_sold',
  'btc_held',
  'mining_revenue_usd',
  'hosting_revenue_usd',
  'power_cost_usd',
  'capex_usd',
  'cash_usd',
];

/** Every metric, in {@link MONTHLY_METRICS} order: the default of JSON and CSV. */
export const ALL_COLUMNS: readonly MetricName[] = METRIC_NAMES;

export interface ReportColumn {
  readonly name: MetricName;
  readonly unit: MetricUnit;
  /** decimal places the value was rounded to */
  readonly decimals: number;
  readonly aggregation: Aggregation;
}

export interface ReportRow {
  /** `2027-01`, `2027-Q1` or `2027` */
  readonly label: string;
  readonly first: Month;
  readonly last: Month;
  /** months of the horizon inside the period (fewer than 3 or 12 for a partial period) */
  readonly monthCount: number;
  /** aligned with {@link Report.columns}; rounded for output */
  readonly values: readonly Decimal[];
  /** some month of the period has funding_gap_usd > 0 (whatever the chosen columns) */
  readonly fundingGap: boolean;
  /** some month of the period has a CASH_BELOW_FLOOR decision */
  readonly belowCashFloor: boolean;
}

export interface ReportDecision {
  readonly month: Month;
  readonly code: DecisionCode;
  readonly subject: string;
  readonly detail: string;
}

/** The run's {@link Summary} rounded for output: BTC 8 dp, USD 2 dp (same fields). */
export type ReportSummary = Summary;

/** Unit kinds of breakdown fields (the monthly kinds plus energy, unit counts, $/MWh). */
export type BreakdownUnit = MetricUnit | 'mwh' | 'units' | 'usd_per_mwh';

export const BREAKDOWN_DECIMALS: Readonly<Record<BreakdownUnit, number>> = {
  ...OUTPUT_DECIMALS,
  mwh: 3,
  units: 3,
  usd_per_mwh: 2,
};

/**
 * Breakdown aggregation: `sum` and `mean` as for monthly metrics, except that a month in
 * which the site or batch is not reported counts as 0 (so the sites' means add up to the
 * totals' means); `mean_reported` averages only the months the batch is reported in
 * (per-MWh rates, which have no meaning when the batch did not exist).
 */
export type BreakdownAggregation = 'sum' | 'mean' | 'mean_reported';

export interface BreakdownField<K extends string> {
  readonly name: K;
  readonly unit: BreakdownUnit;
  readonly aggregation: BreakdownAggregation;
  readonly label: string;
  readonly unitText: string;
}

export type SiteField =
  | 'capacity_mw'
  | 'mining_mw'
  | 'hosting_mw'
  | 'available_mw'
  | 'idle_mw'
  | 'fleet_hashrate_ehs'
  | 'btc_mined'
  | 'mining_energy_mwh'
  | 'hosting_energy_mwh'
  | 'power_cost_usd'
  | 'power_credits_usd'
  | 'hosting_revenue_usd'
  | 'opex_usd'
  | 'mining_energy_cost_usd';

export type BatchField =
  | 'units_running'
  | 'mining_mw'
  | 'fleet_hashrate_ehs'
  | 'energy_mwh'
  | 'btc_mined'
  | 'revenue_usd_per_mwh'
  | 'marginal_cost_usd_per_mwh';

export const SITE_FIELDS: readonly BreakdownField<SiteField>[] = [
  { name: 'capacity_mw', unit: 'mw', aggregation: 'mean', label: 'Capacity', unitText: 'MW' },
  { name: 'mining_mw', unit: 'mw', aggregation: 'mean', label: 'Mining', unitText: 'MW' },
  { name: 'hosting_mw', unit: 'mw', aggregation: 'mean', label: 'Hosting', unitText: 'MW' },
  { name: 'available_mw', unit: 'mw', aggregation: 'mean', label: 'Available', unitText: 'MW' },
  { name: 'idle_mw', unit: 'mw', aggregation: 'mean', label: 'Idle', unitText: 'MW' },
  { name: 'fleet_hashrate_ehs', unit: 'ehs', aggregation: 'mean', label: 'Fleet', unitText: 'EH/s' },
  { name: 'btc_mined', unit: 'btc', aggregation: 'sum', label: 'Mined', unitText: 'BTC' },
  { name: 'mining_energy_mwh', unit: 'mwh', aggregation: 'sum', label: 'Mining energy', unitText: 'MWh' },
  { name: 'hosting_energy_mwh', unit: 'mwh', aggregation: 'sum', label: 'Hosting energy', unitText: 'MWh' },
  { name: 'power_cost_usd', unit: 'usd', aggregation: 'sum', label: 'Power', unitText: '$' },
  { name: 'power_credits_usd', unit: 'usd', aggregation: 'sum', label: 'Power credits', unitText: '$' },
  { name: 'hosting_revenue_usd', unit: 'usd', aggregation: 'sum', label: 'Hosting rev', unitText: '$' },
  { name: 'opex_usd', unit: 'usd', aggregation: 'sum', label: 'Site opex', unitText: '$' },
  { name: 'mining_energy_cost_usd', unit: 'usd', aggregation: 'sum', label: 'Mining energy cost', unitText: '$' },
];

export const BATCH_FIELDS: readonly BreakdownField<BatchField>[] = [
  { name: 'units_running', unit: 'units', aggregation: 'mean', label: 'Units', unitText: 'units' },
  { name: 'mining_mw', unit: 'mw', aggregation: 'mean', label: 'Mining', unitText: 'MW' },
  { name: 'fleet_hashrate_ehs', unit: 'ehs', aggregation: 'mean', label: 'Fleet', unitText: 'EH/s' },
  { name: 'energy_mwh', unit: 'mwh', aggregation: 'sum', label: 'Energy', unitText: 'MWh' },
  { name: 'btc_mined', unit: 'btc', aggregation: 'sum', label: 'Mined', unitText: 'BTC' },
  { name: 'revenue_usd_per_mwh', unit: 'usd_per_mwh', aggregation: 'mean_reported', label: 'Revenue', unitText: '$/MWh' },
  { name: 'marginal_cost_usd_per_mwh', unit: 'usd_per_mwh', aggregation: 'mean_reported', label: 'Marginal cost', unitText: '$/MWh' },
];

export interface BreakdownRow {
  readonly label: string;
  readonly first: Month;
  readonly last: Month;
  readonly site: string;
  /** null in a site breakdown */
  readonly batch: string | null;
  /** aligned with {@link Breakdown.fields}; rounded for output */
  readonly values: readonly Decimal[];
}

export interface Breakdown {
  readonly kind: BreakdownKind;
  readonly fields: readonly BreakdownField<string>[];
  /** period-major, then sites/batches in order of first appearance in the simulation */
  readonly rows: readonly BreakdownRow[];
}

export interface Report {
  readonly period: Period;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
  readonly summary: ReportSummary;
  /** every month's decisions, in month order then engine order */
  readonly decisions: readonly ReportDecision[];
  /** present when `by` was requested */
  readonly breakdown: Breakdown | null;
}

export interface ReportOptions {
  readonly period: Period;
  /** metrics to report, in order (see {@link parseColumns}) */
  readonly columns: readonly MetricName[];
  readonly by?: BreakdownKind | null;
}

/**
 * Builds the report model. Pure; rounding only at the end of each aggregation
 * (ROUND_HALF_EVEN, output places by unit). Months are expected in ascending order.
 */
export function buildReport(sim: Simulation, options: ReportOptions): Report {
  const groups = groupMonths(sim.months, options.period);
  const columns: ReportColumn[] = options.columns.map((name) => {
    const unit = MONTHLY_METRICS[name];
    return { name, unit, decimals: OUTPUT_DECIMALS[unit], aggregation: METRIC_AGGREGATION[name] };
  });
  const rows: ReportRow[] = groups.map((g) => ({
    label: g.label,
    first: g.months[0]!.month,
    last: g.months[g.months.length - 1]!.month,
    monthCount: g.months.length,
    values: columns.map((c) => roundOutput(aggregateMetric(g.months, c.name), c.decimals)),
    fundingGap: g.months.some((m) => m.funding_gap_usd.gt(0)),
    belowCashFloor: g.months.some((m) => m.decisions.some((d) => d.code === 'CASH_BELOW_FLOOR')),
  }));
  const decisions: ReportDecision[] = [];
  for (const m of sim.months) {
    for (const d of m.decisions) decisions.push(reportDecision(m.month, d));
  }
  const by = options.by ?? null;
  return {
    period: options.period,
    columns,
    rows,
    summary: roundSummary(sim.summary),
    decisions,
    breakdown: by === null ? null : buildBreakdown(groups, by),
  };
}

/** Output rounding: ROUND_HALF_EVEN to `places`; a rounded zero is +0. */
export function roundOutput(x: Decimal, places: number): Decimal {
  if (x.isZero()) return ZERO;
  // most metrics are sums of cent or satoshi postings: already at their output places
  if (x.decimalPlaces() <= places) return x;
  const r = x.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
  return r.isZero() ? ZERO : r;
}

/** Label of the period containing `m`: `2027-01`, `2027-Q1` or `2027`. */
export function periodLabel(m: Month, period: Period): string {
  switch (period) {
    case 'month':
      return formatMonth(m);
    case 'quarter':
      return `${String(yearOf(m)).padStart(4, '0')}-Q${Math.floor((calendarMonthOf(m) - 1) / 3) + 1}`;
    case 'year':
      return String(yearOf(m)).padStart(4, '0');
  }
}

function reportDecision(month: Month, d: Decision): ReportDecision {
  return { month, code: d.code, subject: d.subject, detail: d.detail };
}

interface MonthGroup {
  readonly label: string;
  readonly months: readonly MonthResult[];
}

function groupMonths(months: readonly MonthResult[], period: Period): MonthGroup[] {
  const groups: { label: string; months: MonthResult[] }[] = [];
  for (const m of months) {
    const label = periodLabel(m.month, period);
    const last = groups[groups.length - 1];
    if (last !== undefined && last.label === label) last.months.push(m);
    else groups.push({ label, months: [m] });
  }
  return groups;
}

/** Unrounded period value of one metric over a non-empty run of months, by its own rule. */
function aggregateMetric(months: readonly MonthResult[], name: MetricName): Decimal {
  if (months.length === 1) return months[0]![name];
  return aggregate(months, name, METRIC_AGGREGATION[name]);
}

/**
 * Unrounded value of one metric over a non-empty run of months by an aggregation rule:
 * sum, end (last month), mean (each month counts the same), max, or the two weighted means
 * (by BTC mined; by effective PH/s-days). Shared with `sweep`.
 */
export function aggregate(months: readonly MonthResult[], name: MetricName, rule: Aggregation): Decimal {
  const values = months.map((m) => m[name]);
  switch (rule) {
    case 'sum':
      return dsum(values);
    case 'end':
      return values[values.length - 1]!;
    case 'mean':
      return dsum(values).div(values.length);
    case 'max':
      return values.reduce((a, b) => (b.gt(a) ? b : a));
    case 'per_btc_mined':
      return weightedMean(months, name, (m) => m.btc_mined);
    case 'per_ph_day':
      return weightedMean(months, name, (m) => m.fleet_hashrate_ehs.times(daysInMonth(m.month)));
  }
}

/** sum(value * weight) / sum(weight); 0 when the weights sum to 0. */
function weightedMean(
  months: readonly MonthResult[],
  name: MetricName,
  weight: (m: MonthResult) => Decimal,
): Decimal {
  const total = dsum(months.map(weight));
  if (total.isZero()) return ZERO;
  return dsum(months.map((m) => m[name].times(weight(m)))).div(total);
}

function roundSummary(s: Summary): ReportSummary {
  const usd = (x: Decimal): Decimal => roundOutput(x, OUTPUT_DECIMALS.usd);
  const btc = (x: Decimal): Decimal => roundOutput(x, OUTPUT_DECIMALS.btc);
  return {
    btc_mined_total: btc(s.btc_mined_total),
    btc_sold_total: btc(s.btc_sold_total),
    btc_held_end: btc(s.btc_held_end),
    cash_end_usd: usd(s.cash_end_usd),
    cash_min_usd: usd(s.cash_min_usd),
    cash_min_month: s.cash_min_month,
    funding_gap_max_usd: usd(s.funding_gap_max_usd),
    npv_usd: usd(s.npv_usd),
    value_end_usd: usd(s.value_end_usd),
    debt_outstanding_end_usd: usd(s.debt_outstanding_end_usd),
  };
}

export interface SummaryField {
  readonly name: Exclude<keyof ReportSummary, 'cash_min_month'>;
  readonly unit: 'usd' | 'btc';
  readonly label: string;
  readonly unitText: string;
}

/** Summary fields in output order (`cash_min_month` follows `cash_min_usd`). */
export const SUMMARY_FIELDS: readonly SummaryField[] = [
  { name: 'btc_mined_total', unit: 'btc', label: 'Total BTC mined', unitText: 'BTC' },
  { name: 'btc_sold_total', unit: 'btc', label: 'Total BTC sold', unitText: 'BTC' },
  { name: 'btc_held_end', unit: 'btc', label: 'BTC held at end', unitText: 'BTC' },
  { name: 'cash_end_usd', unit: 'usd', label: 'Cash at end', unitText: '$' },
  { name: 'cash_min_usd', unit: 'usd', label: 'Lowest cash', unitText: '$' },
  { name: 'funding_gap_max_usd', unit: 'usd', label: 'Largest funding gap', unitText: '$' },
  { name: 'npv_usd', unit: 'usd', label: 'NPV of operating cash flow', unitText: '$' },
  { name: 'value_end_usd', unit: 'usd', label: 'Value at end', unitText: '$' },
  { name: 'debt_outstanding_end_usd', unit: 'usd', label: 'Debt outstanding at end', unitText: '$' },
];

function buildBreakdown(groups: readonly MonthGroup[], kind: BreakdownKind): Breakdown {
  const rows =
    kind === 'site'
      ? breakdownRows(groups, SITE_FIELDS, (m) => m.sites, (s) => s.site, (s) => ({ site: s.site, batch: null }))
      : breakdownRows(groups, BATCH_FIELDS, (m) => m.batches, (b) => b.batch, (b) => ({ site: b.site, batch: b.batch }));
  return { kind, fields: kind === 'site' ? SITE_FIELDS : BATCH_FIELDS, rows };
}

/**
 * Long-format rows: for each period, each entity (in order of first appearance over the
 * whole simulation) reported in at least one of the period's months.
 */
function breakdownRows<K extends string, T extends { readonly [P in K]: Decimal }>(
  groups: readonly MonthGroup[],
  fields: readonly BreakdownField<K>[],
  items: (m: MonthResult) => readonly T[],
  keyOf: (t: T) => string,
  identity: (t: T) => { site: string; batch: string | null },
): BreakdownRow[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const g of groups) {
    for (const m of g.months) {
      for (const t of items(m)) {
        const key = keyOf(t);
        if (!seen.has(key)) {
          seen.add(key);
          order.push(key);
        }
      }
    }
  }
  const rows: BreakdownRow[] = [];
  for (const g of groups) {
    // the period's items by key, in month order: one pass, not a search per key and month
    const byKey = new Map<string, T[]>();
    for (const m of g.months) {
      for (const t of items(m)) {
        const key = keyOf(t);
        const list = byKey.get(key);
        if (list === undefined) byKey.set(key, [t]);
        else list.push(t);
      }
    }
    for (const key of order) {
      const present = byKey.get(key) ?? [];
      const first = present[0];
      if (first === undefined) continue;
      const values = fields.map((f) => {
        const xs = present.map((t) => t[f.name]);
        const total = dsum(xs);
        let v: Decimal;
        switch (f.aggregation) {
          case 'sum':
            v = total;
            break;
          case 'mean':
            v = total.div(g.months.length);
            break;
          case 'mean_reported':
            v = total.div(xs.length);
            break;
        }
        return roundOutput(v, BREAKDOWN_DECIMALS[f.unit]);
      });
      rows.push({
        label: g.label,
        first: g.months[0]!.month,
        last: g.months[g.months.length - 1]!.month,
        ...identity(first),
        values,
      });
    }
  }
  return rows;
}

/** Why a `--columns` list was refused: data for the CLI to print, never thrown. */
export interface ColumnsError {
  readonly code: 'UNKNOWN_COLUMN' | 'DUPLICATE_COLUMN' | 'EMPTY_COLUMNS';
  /** one line, e.g. `unknown column "btc_sell" (did you mean "btc_sold"?)` */
  readonly message: string;
  /** the offending names as given */
  readonly names: readonly string[];
  /** every accepted name, in output order */
  readonly valid: readonly string[];
  /** e.g. `valid columns: month, btc_price_usd, ...` */
  readonly hint: string;
}

export type ColumnsResult =
  | { readonly ok: true; readonly columns: readonly MetricName[] }
  | { readonly ok: false; readonly errors: readonly ColumnsError[] };

/**
 * Parses a `--columns` list: comma-separated metric names (spaces around names ignored).
 * `month` and `period` are accepted and ignored (the period column is always first);
 * `all` stands for every metric. Every unknown and duplicate name is reported at once.
 */
export function parseColumns(text: string): ColumnsResult {
  const valid = ['month', ...METRIC_NAMES];
  const hint = `valid columns: ${valid.join(', ')}, all`;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const columns: MetricName[] = [];
  const errors: ColumnsError[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (name === 'month' || name === 'period') continue;
    if (name === 'all') {
      for (const m of METRIC_NAMES) if (!columns.includes(m)) columns.push(m);
      continue;
    }
    if (!isMetricName(name)) {
      const near = closestName(name, METRIC_NAMES) ?? null;
      errors.push({
        code: 'UNKNOWN_COLUMN',
        message: `unknown column "${name}"${near === null ? '' : ` (did you mean "${near}"?)`}`,
        names: [name],
        valid,
        hint,
      });
      continue;
    }
    if (seen.has(name)) {
      errors.push({ code: 'DUPLICATE_COLUMN', message: `column "${name}" is listed twice`, names: [name], valid, hint });
      continue;
    }
    seen.add(name);
    if (!columns.includes(name)) columns.push(name);
  }
  if (errors.length === 0 && columns.length === 0) {
    errors.push({ code: 'EMPTY_COLUMNS', message: 'no metric columns listed', names: [], valid, hint });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns };
}

/** What the table and Markdown print about the run besides the numbers. */
export interface ReportTitle {
  readonly plan: {
    readonly name: string;
    /** the path as given on the command line; `-` for standard input */
    readonly file: string;
  };
  /** `base` or a scenario name */
  readonly scenario: string;
}

/** The title plus the plan's hash, which the JSON document (and compare, diff, sweep) carry. */
export interface ReportMeta extends ReportTitle {
  readonly plan: ReportTitle['plan'] & {
    /** hex SHA-256 of the plan file's bytes */
    readonly sha256: string;
  };
}
