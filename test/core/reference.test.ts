import { describe, expect, test } from 'vitest';
import { formatMonth } from '../../src/core/month.js';
import { simulate } from '../../src/core/simulate.js';
import { loadFixture } from '../helpers.js';

const t = (x: { toFixed(): string }) => x.toFixed();

describe('reference plan (spec/reference-plan.yaml, base)', () => {
  const sim = simulate(loadFixture('reference'));
  const at = (month: string) => sim.months.find((r) => formatMonth(r.month) === month)!;

  test('36 months, no funding gap, covenant cash >= $75M', () => {
    expect(sim.months).toHaveLength(36);
    expect(t(sim.summary.funding_gap_max_usd)).toBe('0');
    expect(sim.summary.cash_min_usd.gte(75_000_000)).toBe(true);
  });

  test('January 2027 market and fleet', () => {
    const jan = at('2027-01');
    // R = 4,464 * (3.125 + 0.03) = 14,083.92 BTC; hashprice = 3.155 * 144 * 85,000 / 1,050,000 = $36.78
    expect(t(jan.market.reward_btc)).toBe('14083.92');
    expect(jan.hashprice_usd_per_ph_day.toFixed(2)).toBe('36.78');
    // s19xp: 60,000 * 140 * 21.5 / 1e6 * 1.08 = 195.048 MW; s21pro: 40,000 * 234 * 15 / 1e6 * 1.08 = 151.632
    expect(t(jan.mining_mw)).toBe('346.68');
    // demand charge 700,000 kW * $1.5 = $1,050,000 at rockdale
    expect(t(jan.sites[0]!.power_bill.demand_charge_usd)).toBe('1050000');
    // take-or-pay 700 * 744 * 70% = 364,560 MWh
    expect(t(jan.sites[0]!.power_bill.take_or_pay_mwh)).toBe('364560');
    // interest: 600M * 0.75% / 12 = 375,000; 100M * 8.5% / 12 = 708,333.33
    expect(t(jan.interest_usd)).toBe('1083333.33');
  });

  test('colocation construction capex: (540M - 216M tenant) / 7 months', () => {
    // 150 IT MW * $3.6M = $540M gross, 40% tenant-funded = $216M -> net $324M over 2027-03..2027-09
    // 324,000,000 / 7 = 46,285,714.2857 -> 46,285,714.29 x 6, last 324M - 277,714,285.74 = 46,285,714.26
    const colo = (month: string) => at(month).hosting_contracts.find((h) => h.contract === 'hyperscaler-colo')!;
    expect(t(colo('2027-03').capex_usd)).toBe('46285714.29');
    expect(t(colo('2027-09').capex_usd)).toBe('46285714.26');
    expect(t(colo('2027-10').capex_usd)).toBe('0');
    expect(t(at('2027-03').hosting_mw)).toBe('195'); // 150 * 1.3
    // 2027-10: 25% of 150 MW = 37.5 MW * 1,000 kW * $140 = $5,250,000 rent
    expect(t(colo('2027-10').revenue_usd)).toBe('5250000');
    // 2028-10 first anniversary: 150 MW * 1,000 * 140 * 1.03 = $21,630,000
    expect(t(colo('2028-10').revenue_usd)).toBe('21630000');
  });

  test('halving in March 2028 and the scheduled sale in April 2027', () => {
    expect(at('2028-03').decisions.some((d) => d.code === 'HALVING')).toBe(true);
    const apr = at('2027-04');
    const scheduled = apr.treasury.find((s) => s.kind === 'sell_scheduled')!;
    expect(t(scheduled.btc)).toBe('1500');
    expect(apr.btc_sold.lte(2500)).toBe(true);
    // S21 XP capex $345.6M in its online month
    expect(apr.cash_lines.find((l) => l.kind === 'asic_capex')!.amount_usd.toFixed()).toBe('-345600000');
  });
});
