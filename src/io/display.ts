/**
 * The compact number display shared by the terminal tables of `run`, `compare` and `diff`:
 * USD amounts scaled to $k or $M so the default columns fit 120 terminal columns (the
 * unit is in each header), prices per BTC in whole dollars, MW 1 dp, EH/s 2 dp, BTC 2 dp,
 * $/PH/day 2 dp; display rounding ROUND_HALF_EVEN; negatives red; borderless tables.
 */
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { Decimal } from '../core/decimal.js';
import { METRIC_LABELS, type BreakdownUnit, type Period } from '../core/report.js';
import { MONTHLY_METRICS, type MetricName } from '../core/results.js';
import { formatGrouped } from './format-number.js';

export const PERIOD_TITLES: Readonly<Record<Period, string>> = { month: 'Month', quarter: 'Quarter', year: 'Year' };
export const PERIOD_ADVERBS: Readonly<Record<Period, string>> = { month: 'monthly', quarter: 'quarterly', year: 'yearly' };


/** How one metric's numbers are displayed in a terminal table. */
export type Display =
  | { readonly kind: 'fixed'; readonly places: number; readonly unitText: string }
  | { readonly kind: 'money' };

export interface MoneyScale {
  readonly unitText: '$k' | '$M';
  readonly divisor: number;
  readonly places: number;
}

/** Below $100M in $k (0 dp); below $1B in $M (1 dp); from $1B in whole $M (as `run`'s table). */
const MONEY_SCALES: readonly (MoneyScale & { readonly below: number | null })[] = [
  { unitText: '$k', divisor: 1_000, places: 0, below: 100_000_000 },
  { unitText: '$M', divisor: 1_000_000, places: 1, below: 1_000_000_000 },
  { unitText: '$M', divisor: 1_000_000, places: 0, below: null },
];

/** Display of a metric: BTC price and power cost per BTC in whole $, money scaled, the rest fixed places. */
export function metricDisplay(name: MetricName): Display {
  if (name === 'btc_price_usd' || name === 'power_cost_per_btc_usd') return { kind: 'fixed', places: 0, unitText: '$' };
  if (name === 'block_reward_btc') return { kind: 'fixed', places: 4, unitText: 'BTC' };
  return breakdownDisplay(MONTHLY_METRICS[name], METRIC_LABELS[name].unit);
}

/** Display of a value by unit kind (monthly metrics and the per-site/per-batch fields). */
export function breakdownDisplay(unit: BreakdownUnit, label: string): Display {
  switch (unit) {
    case 'usd':
      return { kind: 'money' };
    case 'btc':
      return { kind: 'fixed', places: 2, unitText: label };
    case 'mw':
      return { kind: 'fixed', places: 1, unitText: label };
    case 'ehs':
      return { kind: 'fixed', places: 2, unitText: label };
    case 'usd_per_ph_day':
      return { kind: 'fixed', places: 2, unitText: label };
    case 'mwh':
      return { kind: 'fixed', places: 0, unitText: label };
    case 'units':
      return { kind: 'fixed', places: 1, unitText: label };
    case 'usd_per_mwh':
      return { kind: 'fixed', places: 2, unitText: label };
  }
}

/** The money scale for a set of amounts, by the largest absolute amount. */
export function moneyScale(values: readonly Decimal[]): MoneyScale {
  const largest = values.reduce((m, v) => (v.abs().gt(m) ? v.abs() : m), new Decimal(0));
  return MONEY_SCALES.find((s) => s.below === null || largest.lt(s.below))!;
}

export function unitText(d: Display, scale: MoneyScale): string {
  return d.kind === 'money' ? scale.unitText : d.unitText;
}

/** Display text (ROUND_HALF_EVEN from the output value), red when negative. */
export function displayNumber(c: ChalkInstance, v: Decimal, d: Display, scale: MoneyScale, sign = false): string {
  const text = d.kind === 'money' ? formatGrouped(v.div(scale.divisor), scale.places) : formatGrouped(v, d.places);
  return signedRed(c, sign ? withPlus(text) : text);
}

/** `+` in front of a positive number's text (not zero, not negative). */
export function withPlus(text: string): string {
  return text.startsWith('-') || /^[0.,]+$/.test(text) ? text : `+${text}`;
}

export function signedRed(c: ChalkInstance, text: string): string {
  return text.startsWith('-') ? c.red(text) : text;
}

const COMPACT_CHARS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '─',
  'mid-mid': '─',
  right: '',
  'right-mid': '',
  middle: ' ',
} as const;

/**
 * A borderless table like `run`'s: one space between columns (two after the text
 * columns would be wider than needed), a rule under the header, headers bottom-aligned,
 * the first `textColumns` columns left-aligned, numbers right-aligned.
 */
export function compactTable(c: ChalkInstance, header: readonly string[], rows: readonly string[][], textColumns: number): string {
  const headerLines = header.map((h) => h.split('\n'));
  const height = Math.max(...headerLines.map((l) => l.length));
  const head = headerLines.map((l) =>
    [...Array<string>(height - l.length).fill(''), ...l].map((line) => (line === '' ? '' : c.bold(line))).join('\n'),
  );
  const table = new Table({
    head,
    colAligns: header.map((_, i) => (i < textColumns ? 'left' : 'right')),
    chars: COMPACT_CHARS,
    style: { 'padding-left': 0, 'padding-right': 0, head: [], border: [], compact: true },
  });
  for (const row of rows) table.push(row);
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
