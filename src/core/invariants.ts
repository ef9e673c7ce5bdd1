/**
 * Conservation checks run after every month (spec 4, last paragraph). A breach is an
 * internal error of the engine, never a property of the input: it throws
 * {@link InvariantError} instead of producing a silent number. All comparisons are exact.
 */
import { Decimal, ZERO, add, sub } from './decimal.js';
import { formatMonth, type Month } from './month.js';

/** Thrown when the engine breaks one of its own invariants (a bug, not bad input). */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
  readonly month: Month;
  readonly invariant: string;
  constructor(invariant: string, month: Month, message: string) {
    super(`internal error: ${invariant} broken in ${formatMonth(month)}: ${message}`);
    this.month = month;
    this.invariant = invariant;
  }
}

export interface CashFlows {
  readonly hostingRevenueUsd: Decimal;
  readonly powerCostUsd: Decimal;
  readonly opexUsd: Decimal;
  readonly capexUsd: Decimal;
  readonly interestUsd: Decimal;
  readonly debtFlowsUsd: Decimal;
  readonly otherFlowsUsd: Decimal;
  readonly saleProceedsUsd: Decimal;
  readonly purchaseCostUsd: Decimal;
}

/**
 * Cash: opening + hosting revenue - power cost - opex - capex - interest + debt flows +
 * other flows + sale proceeds - purchase cost = closing (USD, exact).
 */
export function assertCashConserved(month: Month, opening: Decimal, flows: CashFlows, closing: Decimal): void {
  // add/sub: plus/minus without the work for the flows that are 0 this month
  let expected = add(opening, flows.hostingRevenueUsd);
  expected = sub(expected, flows.powerCostUsd);
  expected = sub(expected, flows.opexUsd);
  expected = sub(expected, flows.capexUsd);
  expected = sub(expected, flows.interestUsd);
  expected = add(expected, flows.debtFlowsUsd);
  expected = add(expected, flows.otherFlowsUsd);
  expected = add(expected, flows.saleProceedsUsd);
  expected = sub(expected, flows.purchaseCostUsd);
  if (!expected.eq(closing)) {
    throw new InvariantError('cash conservation', month, `opening + flows = ${expected.toFixed()} but closing = ${closing.toFixed()}`);
  }
}

/** BTC: opening + mined + bought - sold = closing (exact, satoshis). */
export function assertBtcConserved(
  month: Month,
  opening: Decimal,
  mined: Decimal,
  bought: Decimal,
  sold: Decimal,
  closing: Decimal,
): void {
  const expected = sub(add(add(opening, mined), bought), sold);
  if (!expected.eq(closing)) {
    throw new InvariantError('BTC conservation', month, `opening + mined + bought - sold = ${expected.toFixed()} but closing = ${closing.toFixed()}`);
  }
}

/**
 * Per site MW: the batches' running MW add up to the site's mining MW, and mining +
 * reserved + idle = capacity with every part >= 0, so mining never exceeds capacity -
 * reserved. `idle` is computed by the caller from capacity, reserved and mining; the
 * batch sum is an independent tally from dispatch.
 */
export function assertSiteMw(
  month: Month,
  site: string,
  capacity: Decimal,
  mining: Decimal,
  reserved: Decimal,
  idle: Decimal,
  batchMw: readonly Decimal[],
): void {
  const parts: [string, Decimal][] = [
    ['mining', mining],
    ['reserved', reserved],
    ['idle', idle],
  ];
  for (const [name, value] of parts) {
    // value < 0 (a -0 is not), without a comparison
    if (value.isNegative() && !value.isZero()) {
      throw new InvariantError('MW balance', month, `${name} MW at ${site} is negative (${value.toFixed()})`);
    }
  }
  let tally = ZERO;
  for (const mw of batchMw) tally = add(tally, mw);
  if (!tally.eq(mining)) {
    throw new InvariantError('MW balance', month, `batch MW at ${site} add up to ${tally.toFixed()}, not the site's mining ${mining.toFixed()} MW`);
  }
  if (!add(add(mining, reserved), idle).eq(capacity)) {
    throw new InvariantError('MW balance', month, `mining + reserved + idle MW at ${site} differ from capacity ${capacity.toFixed()}`);
  }
}
