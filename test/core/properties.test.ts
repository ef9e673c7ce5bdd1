import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ZERO } from '../../src/core/decimal.js';
import { simulate } from '../../src/core/simulate.js';
import { planArb } from './plan-arbitrary.js';

const RUNS = { numRuns: 150 };

describe('properties over generated plans', () => {
  test('conservation of cash, BTC and per-site MW every month', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const sim = simulate(plan); // throws InvariantError on an internal breach
        let cash = plan.treasury.cashUsd;
        let btc = plan.treasury.btc;
        for (const r of sim.months) {
          const flows = r.hosting_revenue_usd
            .minus(r.power_cost_usd)
            .minus(r.opex_usd)
            .minus(r.capex_usd)
            .minus(r.interest_usd)
            .plus(r.debt_flows_usd)
            .plus(r.other_flows_usd)
            .plus(r.sale_proceeds_usd)
            .minus(r.purchase_cost_usd);
          cash = cash.plus(flows);
          expect(cash.eq(r.cash_usd)).toBe(true);
          expect(r.net_cash_flow_usd.eq(flows)).toBe(true);
          btc = btc.plus(r.btc_mined).plus(r.btc_bought).minus(r.btc_sold);
          expect(btc.eq(r.btc_held)).toBe(true);
          // every posting in cents / satoshis
          expect(r.cash_usd.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(r.btc_held.decimalPlaces()).toBeLessThanOrEqual(8);
          for (const s of r.sites) {
            expect(s.mining_mw.plus(s.hosting_mw).plus(s.idle_mw).eq(s.capacity_mw)).toBe(true);
            expect(s.mining_mw.lte(s.capacity_mw.minus(s.hosting_mw))).toBe(true);
            expect(s.idle_mw.gte(ZERO)).toBe(true);
          }
          expect(r.mining_mw.lte(r.capacity_mw)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('determinism: two runs give the same JSON', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        expect(JSON.stringify(simulate(plan))).toBe(JSON.stringify(simulate(plan)));
      }),
      { numRuns: 40 },
    );
  });

  test('no sale below the BTC floor, no month above the sale cap', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const { btcFloor, maxSellBtcPerMonth } = plan.treasury.policy;
        for (const r of simulate(plan).months) {
          for (const step of r.treasury) {
            if (step.kind.startsWith('sell') && step.btc.gt(ZERO)) {
              expect(step.btc_held_after.gte(btcFloor)).toBe(true);
            }
          }
          if (maxSellBtcPerMonth !== null) expect(r.btc_sold.lte(maxSellBtcPerMonth)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('cash ends below the floor only when BTC could not cover it (cap or BTC floor)', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const floor = plan.treasury.policy.cashFloorUsd;
        for (const r of simulate(plan).months) {
          if (!r.cash_usd.lt(floor)) continue;
          const floorSale = r.treasury.find((s) => s.kind === 'sell_cash_floor');
          expect(floorSale).toBeDefined();
          expect(['monthly_cap', 'btc_floor']).toContain(floorSale!.limited_by);
          expect(r.decisions.some((d) => d.code === 'CASH_BELOW_FLOOR')).toBe(true);
          if (r.cash_usd.isNegative()) expect(r.funding_gap_usd.eq(r.cash_usd.negated())).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
