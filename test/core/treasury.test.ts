import { describe, expect, test } from 'vitest';
import { pct } from '../../src/core/decimal.js';
import { runTreasury, treasuryPriceFactors, type TreasuryInput } from '../../src/core/treasury.js';
import { simulate } from '../../src/core/simulate.js';
import { D, buildPlan, constant, costs, m, policy, treasury } from './plan-builder.js';
import type { TreasuryPolicy } from '../../src/core/plan.js';

const t = (x: { toFixed(): string }) => x.toFixed();

type RunInput = Partial<Omit<TreasuryInput, 'policy' | 'sellProductionFraction' | 'priceFactors'>> & { policy?: Partial<TreasuryPolicy> };

/** runTreasury with the derived inputs made from the given ones, as simulate makes them. */
function run(over: RunInput) {
  const full = policy(over.policy ?? {});
  const sellProductionPct = over.sellProductionPct ?? D(0);
  return runTreasury({
    state: { cashUsd: D(0), btc: D(100), costBasisUsd: D(3000000) },
    minedBtc: D(0),
    minedValueUsd: D(0),
    priceUsd: D(100000),
    scheduled: [],
    ...over,
    sellProductionPct,
    sellProductionFraction: pct(sellProductionPct),
    priceFactors: treasuryPriceFactors(full),
    policy: full,
  });
}

describe('treasury', () => {
  test('scheduled sale with discount and average-cost realized gain', () => {
    // 10 BTC * $100,000 * (1 - 1%) = $990,000; basis 10/100 of $3,000,000 = $300,000; gain $690,000
    const r = run({
      policy: { saleDiscountPct: D(1) },
      scheduled: [{ month: m('2027-01'), side: 'sell', btc: D(10), note: 'capex' }],
    });
    expect(t(r.proceedsUsd)).toBe('990000');
    expect(t(r.realizedGainUsd)).toBe('690000');
    expect(t(r.state.btc)).toBe('90');
    expect(t(r.state.costBasisUsd)).toBe('2700000');
    expect(t(r.state.cashUsd)).toBe('990000');
    expect(r.decisions[0]).toEqual({ code: 'SELL_SCHEDULED', subject: 'treasury', detail: 'sold 10 BTC for $990,000.00 (capex)' });
  });

  test('production share of this month, rounded to the satoshi half-even', () => {
    // mined 0.00000003 BTC * 50% = 0.000000015 -> 0.00000002 (half-even)
    const r = run({ minedBtc: D('0.00000003'), minedValueUsd: D('0'), sellProductionPct: D(50) });
    expect(t(r.soldBtc)).toBe('0.00000002');
    // mined 1.395 * 50% = 0.6975 BTC at $100,000 = $69,750
    const r2 = run({ minedBtc: D('1.395'), minedValueUsd: D(139500), sellProductionPct: D(50) });
    expect(t(r2.soldBtc)).toBe('0.6975');
    expect(t(r2.proceedsUsd)).toBe('69750');
  });

  test('cash-floor sale rounded up to the satoshi covers the shortfall after discount', () => {
    // shortfall $100 at $30,000 * (1 - 0.3%) = $29,910: 100 / 29,910 = 0.0033433634... -> 0.00334337 BTC
    // proceeds 0.00334337 * 29,910 = 100.0001967 -> $100.00; cash back to the floor exactly
    const r = run({ state: { cashUsd: D(-100), btc: D(1), costBasisUsd: D(20000) }, priceUsd: D(30000), policy: { saleDiscountPct: D('0.3') } });
    expect(t(r.soldBtc)).toBe('0.00334337');
    expect(t(r.proceedsUsd)).toBe('100');
    expect(t(r.state.cashUsd)).toBe('0');
    // basis out 20,000 * 0.00334337 = 66.8674 -> 66.87; gain 100 - 66.87 = 33.13
    expect(t(r.realizedGainUsd)).toBe('33.13');
    expect(r.decisions.map((d) => d.code)).toEqual(['SELL_CASH_FLOOR']);
  });

  test('monthly cap limits all sales together', () => {
    // cap 5: scheduled 3, then production 50% of 8 = 4 is cut to 2; cash-floor sale gets nothing
    const r = run({
      state: { cashUsd: D(-1000000), btc: D(100), costBasisUsd: D(0) },
      minedBtc: D(8),
      minedValueUsd: D(800000),
      sellProductionPct: D(50),
      policy: { maxSellBtcPerMonth: D(5) },
      scheduled: [{ month: m('2027-01'), side: 'sell', btc: D(3), note: '' }],
    });
    expect(t(r.soldBtc)).toBe('5');
    expect(r.steps.map((s) => [s.kind, t(s.btc), s.limited_by])).toEqual([
      ['mined', '8', null],
      ['sell_scheduled', '3', null],
      ['sell_production', '2', 'monthly_cap'],
      ['sell_cash_floor', '0', 'monthly_cap'],
    ]);
    expect(r.decisions.map((d) => d.code)).toEqual([
      'SELL_SCHEDULED',
      'SELL_LIMITED_MONTHLY_CAP',
      'SELL_PRODUCTION',
      'SELL_LIMITED_MONTHLY_CAP',
      'CASH_BELOW_FLOOR',
      'FUNDING_GAP',
    ]);
    expect(r.decisions[1]!.detail).toBe('production sale cut from 4 BTC to 2 BTC: the 5 BTC monthly sale cap is reached');
    // cash: -1,000,000 + 5 * 100,000 = -500,000 < floor 0
    expect(r.decisions[4]!.detail).toBe('cash ends at -$500,000.00, below the $0.00 floor: the monthly sale cap is reached');
  });

  test('BTC floor: holdings never go below it; the binding bound is reported', () => {
    // held 10, floor 8, scheduled 5 -> 2 sold
    const r = run({
      state: { cashUsd: D(0), btc: D(10), costBasisUsd: D(100000) },
      policy: { btcFloor: D(8) },
      scheduled: [{ month: m('2027-01'), side: 'sell', btc: D(5), note: '' }],
    });
    expect(t(r.soldBtc)).toBe('2');
    expect(r.decisions.map((d) => d.code)).toEqual(['SELL_LIMITED_BTC_FLOOR', 'SELL_SCHEDULED']);
    expect(r.decisions[0]!.detail).toBe('scheduled sale cut from 5 BTC to 2 BTC: holdings may not go below the 8 BTC floor');
    // cap 1 binds before the floor room of 2
    const c = run({
      state: { cashUsd: D(0), btc: D(10), costBasisUsd: D(100000) },
      policy: { btcFloor: D(8), maxSellBtcPerMonth: D(1) },
      scheduled: [{ month: m('2027-01'), side: 'sell', btc: D(5), note: '' }],
    });
    expect(t(c.soldBtc)).toBe('1');
    expect(c.decisions[0]!.code).toBe('SELL_LIMITED_MONTHLY_CAP');
  });

  test('buy then sell: average cost moves with the purchase', () => {
    // held 10 BTC, basis $200,000 (avg 20,000); buy 10 at $40,000 = $400,000 -> basis 600,000 / 20
    // sell 5 at $40,000 = $200,000; basis out 5/20 * 600,000 = 150,000; gain $50,000
    const r = run({
      state: { cashUsd: D(1000000), btc: D(10), costBasisUsd: D(200000) },
      priceUsd: D(40000),
      scheduled: [
        { month: m('2027-01'), side: 'buy', btc: D(10), note: '' },
        { month: m('2027-01'), side: 'sell', btc: D(5), note: '' },
      ],
    });
    expect(t(r.purchaseCostUsd)).toBe('400000');
    expect(t(r.realizedGainUsd)).toBe('50000');
    expect(t(r.state.btc)).toBe('15');
    expect(t(r.state.costBasisUsd)).toBe('450000');
    expect(t(r.state.cashUsd)).toBe('800000');
  });

  test('a buy is limited to the cash above the floor', () => {
    // cash 100,000, floor 50,000, buy 2 at $40,000 -> room 50,000 -> 1.25 BTC for $50,000
    const r = run({
      state: { cashUsd: D(100000), btc: D(0), costBasisUsd: D(0) },
      priceUsd: D(40000),
      policy: { cashFloorUsd: D(50000) },
      scheduled: [{ month: m('2027-01'), side: 'buy', btc: D(2), note: 'reserve' }],
    });
    expect(t(r.boughtBtc)).toBe('1.25');
    expect(t(r.purchaseCostUsd)).toBe('50000');
    expect(r.steps[0]!.limited_by).toBe('cash_floor');
    expect(r.decisions[0]!.detail).toBe('bought 1.25 BTC for $50,000.00 (reserve); 2 BTC scheduled but only $50,000.00 of cash was above the floor');
  });

  test('funding gap and cash below floor in a simulation', () => {
    // no fleet, cash 0, G&A $1,000, 10 BTC held at a 10 BTC floor: nothing can be sold
    const plan = buildPlan({
      fleet: [],
      costs: costs({ gAndAUsdPerMonth: constant(1000) }),
      treasury: treasury({ btc: D(10), costBasisUsdPerBtc: D(20000), policy: policy({ btcFloor: D(10) }) }),
    });
    const [jan] = simulate(plan).months;
    expect(t(jan!.cash_usd)).toBe('-1000');
    expect(t(jan!.funding_gap_usd)).toBe('1000');
    expect(jan!.decisions.map((d) => d.code)).toEqual(['SELL_LIMITED_BTC_FLOOR', 'CASH_BELOW_FLOOR', 'FUNDING_GAP']);
    expect(jan!.decisions[1]!.detail).toBe('cash ends at -$1,000.00, below the $0.00 floor: holdings are at the BTC floor');
    expect(jan!.decisions[2]!.detail).toBe('cash is -$1,000.00: $1,000.00 of funding is missing');
    expect(t(jan!.btc_held)).toBe('10');
  });

  test('mined BTC enter the cost basis at the month price; sale of all holdings removes all basis', () => {
    // base plan: 1.395 BTC mined at $100,000 -> basis $139,500; power $74,400 -> cash-floor sale 0.744
    const [jan] = simulate(buildPlan()).months;
    expect(t(jan!.mining_revenue_usd)).toBe('139500');
    expect(t(jan!.btc_sold)).toBe('0.744');
    expect(t(jan!.closing.cost_basis_usd)).toBe('65100');
    expect(t(jan!.realized_gain_usd)).toBe('0');
  });
});
