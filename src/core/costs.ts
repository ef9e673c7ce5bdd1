/**
 * Step 7 of the month: site opex, G&A, recurring costs, one-offs, ASIC capex and debt
 * (spec 3 `costs`, `debt`). Every amount is a posting rounded to cents (ROUND_HALF_EVEN).
 * Outflow amounts are positive numbers here; the simulation posts them with their sign.
 */
import { Decimal, ZERO, roundUsd } from './decimal.js';
import type { Month } from './month.js';
import type { Debt, RecurringCost, Site } from './plan.js';

const MONTHS_PER_YEAR = 12;

/** Site opex: capacity MW * opex per MW-month, USD in cents (positive outflow). */
export function siteOpexUsd(site: Site): Decimal {
  return roundUsd(site.capacityMw.times(site.opexUsdPerMwMonth));
}

/** Demand charge: capacity MW * 1000 kW/MW * USD per kW-month, in cents (positive). */
export function demandChargeUsd(site: Site): Decimal {
  return roundUsd(site.capacityMw.times(1000).times(site.power.demandChargeUsdPerKwMonth));
}

/** A recurring cost applies in months from .. to, both inclusive; null is open-ended. */
export function isRecurringActive(cost: RecurringCost, month: Month): boolean {
  return (cost.from === null || month >= cost.from) && (cost.to === null || month <= cost.to);
}

export interface DebtMonth {
  /** interest paid this month, USD cents, positive outflow */
  readonly interestUsd: Decimal;
  /** principal received (issue month), positive */
  readonly principalInUsd: Decimal;
  /** principal repaid (maturity month), positive */
  readonly principalOutUsd: Decimal;
}

/**
 * A debt's flows in `month` of a plan starting at `start`. Interest = `monthlyInterest`
 * ({@link debtMonthlyInterestUsd}: principal * rate / 100 / 12 rounded to cents), every
 * month from the month after issue (from `start` when issued before it) through maturity,
 * both inclusive. Principal comes in in the issue month (when
 * `issue` is set) and is repaid in the maturity month. A flat 1/12 of the annual rate is
 * charged whatever the month's length.
 */
export function debtMonth(debt: Debt, month: Month, start: Month, monthlyInterest: Decimal): DebtMonth {
  const firstInterest = debt.issue === null ? start : debt.issue + 1;
  const interestUsd = month >= firstInterest && month <= debt.maturity ? monthlyInterest : ZERO;
  const issued = debt.issue === null || debt.issue <= month;
  return {
    interestUsd,
    principalInUsd: debt.issue === month ? debt.principalUsd : ZERO,
    principalOutUsd: debt.maturity === month && issued ? debt.principalUsd : ZERO,
  };
}

/**
 * A debt's interest in each month it is charged: principal * rate / 100 / 12, rounded to
 * cents. The same every month, so the simulation computes it once per debt and passes it
 * to {@link debtMonth}.
 */
export function debtMonthlyInterestUsd(debt: Debt): Decimal {
  return roundUsd(debt.principalUsd.times(debt.ratePct).div(100).div(MONTHS_PER_YEAR));
}

/** Principal outstanding at the end of `month`: issued by then (or before start), maturing later. */
export function debtOutstandingAfter(debt: Debt, month: Month): Decimal {
  const issued = debt.issue === null || debt.issue <= month;
  return issued && debt.maturity > month ? debt.principalUsd : ZERO;
}
