/**
 * Plan checks (spec section 7): bounds on a monthly metric, over the horizon, a range or
 * one month, evaluated per scenario. Pure: takes simulations, returns results as data.
 *
 * Comparison is exact, on the engine's values (USD in cents, BTC in satoshis as posted;
 * prices and rates unrounded); a bound is inclusive (`min: 0` passes at exactly 0).
 */
import type { Decimal } from './decimal.js';
import type { Month } from './month.js';
import type { Check } from './plan.js';
import { isMetricName, type MonthResult, type Simulation } from './results.js';

export interface CheckBreach {
  /** first month whose value is outside the bounds */
  readonly month: Month;
  readonly value: Decimal;
  readonly bound: Decimal;
  readonly side: 'min' | 'max';
}

export interface CheckResult {
  readonly check: Check;
  /** position of the check in the plan's `checks` list */
  readonly index: number;
  readonly scenario: string;
  readonly passed: boolean;
  /** months tested (0 when `at` or the range lies outside the horizon) */
  readonly monthsTested: number;
  /** months outside the bounds */
  readonly monthsBreached: number;
  readonly firstBreach: CheckBreach | null;
}

/** Whether a check applies to a scenario (`base` is the plan as written). */
export function checkAppliesTo(check: Check, scenario: string): boolean {
  return check.scenarios === null || check.scenarios.includes(scenario);
}

/** Whether any of `checks` applies to a scenario: the only scenarios whose simulation checks read. */
export function anyCheckAppliesTo(checks: readonly Check[], scenario: string): boolean {
  return checks.some((check) => checkAppliesTo(check, scenario));
}

/** The months a check tests: `at`, else from..to (defaults: the whole horizon). */
function testedMonths(check: Check, months: readonly MonthResult[]): readonly MonthResult[] {
  if (check.at !== null) return months.filter((m) => m.month === check.at);
  return months.filter((m) => (check.from === null || m.month >= check.from) && (check.to === null || m.month <= check.to));
}

function breachOf(check: Check, value: Decimal): { bound: Decimal; side: 'min' | 'max' } | null {
  if (check.min !== null && value.lt(check.min)) return { bound: check.min, side: 'min' };
  if (check.max !== null && value.gt(check.max)) return { bound: check.max, side: 'max' };
  return null;
}

/** Evaluates one check on one scenario's simulation. */
export function evaluateCheck(check: Check, index: number, scenario: string, simulation: Simulation): CheckResult {
  if (!isMetricName(check.metric)) throw new Error(`check metric ${check.metric} was not validated`);
  const metric = check.metric;
  let firstBreach: CheckBreach | null = null;
  let monthsBreached = 0;
  const months = testedMonths(check, simulation.months);
  for (const m of months) {
    const value = m[metric];
    const breach = breachOf(check, value);
    if (breach === null) continue;
    monthsBreached++;
    firstBreach ??= { month: m.month, value, ...breach };
  }
  return { check, index, scenario, passed: monthsBreached === 0, monthsTested: months.length, monthsBreached, firstBreach };
}

/**
 * Evaluates every check on every scenario it applies to, in plan order of checks and then
 * scenario order (`base` first).
 */
export function evaluateChecks(checks: readonly Check[], simulations: ReadonlyMap<string, Simulation>): CheckResult[] {
  const results: CheckResult[] = [];
  checks.forEach((check, index) => {
    for (const [scenario, simulation] of simulations) {
      if (checkAppliesTo(check, scenario)) results.push(evaluateCheck(check, index, scenario, simulation));
    }
  });
  return results;
}
