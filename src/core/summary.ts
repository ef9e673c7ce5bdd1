/**
 * Plan summary (spec 5): totals, end balances, cash minimum, largest funding gap, NPV of
 * operating free cash flow and end value. USD results are rounded to cents
 * (ROUND_HALF_EVEN) where they are not already sums of cent postings.
 */
import { Decimal, ZERO, dmax, roundUsd } from './decimal.js';
import type { Month } from './month.js';
import type { MonthResult, Summary } from './results.js';
import { discountFactors } from './series-table.js';

/**
 * Operating free cash flow of a month, USD: mining revenue + hosting revenue - power cost -
 * opex - capex (before financing, treasury trades and one-offs).
 */
export function operatingFreeCashFlow(m: MonthResult): Decimal {
  return m.mining_revenue_usd
    .plus(m.hosting_revenue_usd)
    .minus(m.power_cost_usd)
    .minus(m.opex_usd)
    .minus(m.capex_usd);
}

/**
 * NPV in USD: sum over months k of FCF_k * (1 + r/100)^-((k+1)/12), rounded to cents once
 * at the end.
 */
export function npvUsd(months: readonly MonthResult[], discountRatePct: Decimal): Decimal {
  const factors = discountFactors(discountRatePct, months.length);
  let npv = ZERO;
  for (let k = 0; k < months.length; k++) {
    npv = npv.plus(operatingFreeCashFlow(months[k]!).times(factors[k]!));
  }
  return roundUsd(npv);
}

/**
 * The summary of a simulation with at least one month. cash_min_month is the first month
 * at the minimum. value_end = cash + BTC held * last price (rounded to cents) - debt
 * outstanding after the last month.
 */
export function summarize(
  months: readonly MonthResult[],
  discountRatePct: Decimal,
  debtOutstandingEndUsd: Decimal,
): Summary {
  let mined = ZERO;
  let sold = ZERO;
  let gapMax = ZERO;
  let cashMin: Decimal | null = null;
  let cashMinMonth = months[0]!.month;
  for (const m of months) {
    mined = mined.plus(m.btc_mined);
    sold = sold.plus(m.btc_sold);
    gapMax = dmax(gapMax, m.funding_gap_usd);
    if (cashMin === null || m.cash_usd.lt(cashMin)) {
      cashMin = m.cash_usd;
      cashMinMonth = m.month;
    }
  }
  const last = months[months.length - 1]!;
  return {
    btc_mined_total: mined,
    btc_sold_total: sold,
    btc_held_end: last.btc_held,
    cash_end_usd: last.cash_usd,
    cash_min_usd: cashMin!,
    cash_min_month: cashMinMonth as Month,
    funding_gap_max_usd: gapMax,
    npv_usd: npvUsd(months, discountRatePct),
    value_end_usd: last.cash_usd.plus(last.btc_value_usd).minus(debtOutstandingEndUsd),
    debt_outstanding_end_usd: debtOutstandingEndUsd,
  };
}
