/**
 * Step 8 and 9 of the month: the treasury (spec 4.8, 4.9).
 *
 * Units: BTC in satoshis, USD in cents; every posting is rounded when created
 * (ROUND_HALF_EVEN), except the cash-floor sale, whose BTC is rounded UP to the satoshi so
 * its proceeds cover the shortfall. Cost basis is average cost: the USD cost of all BTC held.
 * Sign convention: amounts in steps are positive; cash and holdings move by their kind.
 */
import { Decimal, ONE, ZERO, add, dmax, pct, roundBtc, roundBtcUp, roundUsd, sub } from './decimal.js';
import * as decide from './decisions.js';
import type { ScheduledTrade, TreasuryPolicy } from './plan.js';
import type { Decision, TreasuryStep } from './results.js';

export interface TreasuryState {
  readonly cashUsd: Decimal;
  readonly btc: Decimal;
  /** total USD cost of the BTC held */
  readonly costBasisUsd: Decimal;
}

export interface TreasuryInput {
  /** balances after the month's cash flows (steps 5-7), before mined BTC and trades */
  readonly state: TreasuryState;
  readonly minedBtc: Decimal;
  /** mined BTC * price, rounded to cents: the cost basis the mined BTC enter at */
  readonly minedValueUsd: Decimal;
  readonly priceUsd: Decimal;
  readonly policy: TreasuryPolicy;
  /** sell_production_pct this month */
  readonly sellProductionPct: Decimal;
  /** pct(sellProductionPct): the share as a fraction */
  readonly sellProductionFraction: Decimal;
  /** {@link treasuryPriceFactors} of the policy */
  readonly priceFactors: TreasuryPriceFactors;
  /** this month's scheduled trades, in file order */
  readonly scheduled: readonly ScheduledTrade[];
}

export interface TreasuryOutcome {
  readonly state: TreasuryState;
  readonly steps: TreasuryStep[];
  readonly decisions: Decision[];
  readonly soldBtc: Decimal;
  readonly boughtBtc: Decimal;
  readonly proceedsUsd: Decimal;
  readonly purchaseCostUsd: Decimal;
  readonly realizedGainUsd: Decimal;
}

type SaleKind = decide.SaleKind;

/** Sale and purchase price per BTC as factors of the month price: 1 - discount, 1 + discount. */
export interface TreasuryPriceFactors {
  readonly sell: Decimal;
  readonly buy: Decimal;
}

/** The policy's price factors (sale_discount_pct as a fraction, off a sale, onto a purchase). */
export function treasuryPriceFactors(policy: TreasuryPolicy): TreasuryPriceFactors {
  const discount = pct(policy.saleDiscountPct);
  return { sell: ONE.minus(discount), buy: ONE.plus(discount) };
}

/**
 * Runs the month's treasury: credit mined BTC at price into the cost basis; then scheduled
 * trades in file order; then sell_production_pct of this month's production (rounded to the
 * satoshi); then the cash-floor sale (shortfall / (price * (1 - discount)), rounded up to the
 * satoshi). All sales together stay within max_sell_btc_per_month and never take holdings
 * below btc_floor; a cut sale records SELL_LIMITED_MONTHLY_CAP or SELL_LIMITED_BTC_FLOOR
 * (the bound that binds; the cap when both bind equally). Proceeds = BTC * price *
 * (1 - discount) in cents; a buy costs BTC * price * (1 + discount) in cents and is limited
 * to the cash above the cash floor. Realized gain = proceeds - average cost of the BTC sold.
 */
export function runTreasury(input: TreasuryInput): TreasuryOutcome {
  const { policy, priceUsd } = input;
  let cash = input.state.cashUsd;
  let btc = input.state.btc;
  let basis = input.state.costBasisUsd;
  let sold = ZERO;
  let bought = ZERO;
  let proceedsTotal = ZERO;
  let purchaseTotal = ZERO;
  let gainTotal = ZERO;
  const steps: TreasuryStep[] = [];
  const decisions: Decision[] = [];
  const factors = input.priceFactors;
  const sellPrice = priceUsd.times(factors.sell);

  if (!input.minedBtc.isZero()) {
    btc = btc.plus(input.minedBtc);
    basis = basis.plus(input.minedValueUsd);
    steps.push({
      kind: 'mined',
      requested_btc: input.minedBtc,
      btc: input.minedBtc,
      price_usd: priceUsd,
      usd: input.minedValueUsd,
      cost_basis_usd: input.minedValueUsd,
      realized_gain_usd: ZERO,
      limited_by: null,
      note: 'mined BTC enter the cost basis at the month price',
      btc_held_after: btc,
      cash_after_usd: cash,
    });
  }

  /** Applies the monthly cap and the BTC floor to a requested sale. */
  function limit(kind: SaleKind, requested: Decimal): { allowed: Decimal; limitedBy: TreasuryStep['limited_by'] } {
    let allowed = requested;
    let limitedBy: TreasuryStep['limited_by'] = null;
    if (policy.maxSellBtcPerMonth !== null) {
      const capRoom = dmax(ZERO, sub(policy.maxSellBtcPerMonth, sold));
      if (capRoom.lt(allowed)) {
        allowed = capRoom;
        limitedBy = 'monthly_cap';
      }
    }
    const floorRoom = dmax(ZERO, sub(btc, policy.btcFloor));
    if (floorRoom.lt(allowed)) {
      allowed = floorRoom;
      limitedBy = 'btc_floor';
    }
    if (limitedBy === 'monthly_cap') {
      decisions.push(decide.sellLimitedMonthlyCap(kind, requested, allowed, policy.maxSellBtcPerMonth!));
    } else if (limitedBy === 'btc_floor') {
      decisions.push(decide.sellLimitedBtcFloor(kind, requested, allowed, policy.btcFloor));
    }
    return { allowed, limitedBy };
  }

  /** Sells `requested` BTC (already in satoshis) subject to the limits; returns the step. */
  function sell(kind: SaleKind, requested: Decimal, note: string): TreasuryStep {
    const { allowed, limitedBy } = limit(kind, requested);
    let proceeds = ZERO;
    let basisOut = ZERO;
    let gain = ZERO;
    if (allowed.gt(ZERO)) {
      proceeds = roundUsd(allowed.times(sellPrice));
      basisOut = allowed.eq(btc) ? basis : roundUsd(basis.times(allowed).div(btc));
      gain = sub(proceeds, basisOut);
      cash = add(cash, proceeds);
      btc = btc.minus(allowed);
      basis = sub(basis, basisOut);
      sold = add(sold, allowed);
      proceedsTotal = add(proceedsTotal, proceeds);
      gainTotal = add(gainTotal, gain);
    }
    const step: TreasuryStep = {
      kind,
      requested_btc: requested,
      btc: allowed,
      price_usd: priceUsd,
      usd: proceeds,
      cost_basis_usd: basisOut,
      realized_gain_usd: gain,
      limited_by: limitedBy,
      note,
      btc_held_after: btc,
      cash_after_usd: cash,
    };
    steps.push(step);
    return step;
  }

  function buy(trade: ScheduledTrade): void {
    const buyPrice = priceUsd.times(factors.buy);
    const requested = roundBtc(trade.btc);
    const room = dmax(ZERO, cash.minus(policy.cashFloorUsd));
    let amount = requested;
    let limited = false;
    if (buyPrice.gt(ZERO) && requested.times(buyPrice).gt(room)) {
      amount = room.div(buyPrice).toDecimalPlaces(8, Decimal.ROUND_DOWN);
      limited = true;
    }
    const cost = roundUsd(amount.times(buyPrice));
    cash = cash.minus(cost);
    btc = btc.plus(amount);
    basis = basis.plus(cost);
    bought = bought.plus(amount);
    purchaseTotal = purchaseTotal.plus(cost);
    steps.push({
      kind: 'buy_scheduled',
      requested_btc: requested,
      btc: amount,
      price_usd: priceUsd,
      usd: cost,
      cost_basis_usd: cost,
      realized_gain_usd: ZERO,
      limited_by: limited ? 'cash_floor' : null,
      note: trade.note,
      btc_held_after: btc,
      cash_after_usd: cash,
    });
    decisions.push(decide.buyScheduled(amount, requested, cost, trade.note, limited ? room : null));
  }

  for (const trade of input.scheduled) {
    if (trade.side === 'buy') {
      buy(trade);
      continue;
    }
    const requested = roundBtc(trade.btc);
    const step = sell('sell_scheduled', requested, trade.note);
    if (step.btc.gt(ZERO)) decisions.push(decide.sellScheduled(step.btc, step.usd, trade.note));
  }

  const productionShare = input.minedBtc.isZero()
    ? ZERO
    : roundBtc(input.minedBtc.times(input.sellProductionFraction));
  if (productionShare.gt(ZERO)) {
    const step = sell('sell_production', productionShare, 'share of this month\'s production');
    if (step.btc.gt(ZERO)) {
      decisions.push(decide.sellProduction(step.btc, input.sellProductionPct, input.minedBtc, step.usd));
    }
  }

  let floorReason = '';
  if (cash.lt(policy.cashFloorUsd)) {
    const shortfall = policy.cashFloorUsd.minus(cash);
    if (!sellPrice.gt(ZERO)) {
      floorReason = 'BTC sales bring no proceeds at this price and discount';
    } else {
      const requested = roundBtcUp(shortfall.div(sellPrice));
      const step = sell('sell_cash_floor', requested, 'bring cash back to the cash floor');
      if (step.btc.gt(ZERO)) {
        decisions.push(decide.sellCashFloor(step.btc, shortfall, step.usd, policy.cashFloorUsd));
      }
      if (step.limited_by === 'monthly_cap') floorReason = 'the monthly sale cap is reached';
      else if (step.limited_by === 'btc_floor') floorReason = 'holdings are at the BTC floor';
    }
  }
  if (cash.lt(policy.cashFloorUsd)) {
    decisions.push(decide.cashBelowFloor(cash, policy.cashFloorUsd, floorReason || 'sales could not cover it'));
  }
  if (cash.isNegative() && !cash.isZero()) decisions.push(decide.fundingGap(cash.negated()));

  return {
    state: { cashUsd: cash, btc, costBasisUsd: basis },
    steps,
    decisions,
    soldBtc: sold,
    boughtBtc: bought,
    proceedsUsd: proceedsTotal,
    purchaseCostUsd: purchaseTotal,
    realizedGainUsd: gainTotal,
  };
}

/** Step 9: funding gap in USD = -cash when cash is below 0, else 0. */
export function fundingGapOf(cashUsd: Decimal): Decimal {
  return cashUsd.isNegative() && !cashUsd.isZero() ? cashUsd.negated() : ZERO;
}
