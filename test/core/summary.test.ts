import { describe, expect, test } from 'vitest';
import { simulate } from '../../src/core/simulate.js';
import { D, buildPlan, treasury } from './plan-builder.js';

describe('summary', () => {
  test('NPV of operating FCF, totals, end value, cash minimum', () => {
    // (1 + r)^(1/12) = 1.01 with r = 1.01^12 - 1 = 12.6825030131969720661201%
    // Jan: FCF = 139,500 - 74,400 = 65,100; Feb (28 d): 4,032 * 3.125 = 12,600 BTC -> 1.26 BTC
    // = $126,000 - 2 * 672 * $50 = 67,200 -> FCF 58,800.
    // NPV = 65,100 / 1.01 + 58,800 / 1.0201 = 64,455.445544... + 57,641.407705... = 122,096.85
    const plan = buildPlan({
      months: 2,
      discountRatePct: D('12.6825030131969720661201'),
      treasury: treasury({ cashUsd: D(1000000) }),
    });
    const sim = simulate(plan);
    const s = sim.summary;
    expect(s.npv_usd.toFixed()).toBe('122096.85');
    // mined 1.395 + 1.26 = 2.655 BTC; nothing sold (cash stays above 0)
    expect(s.btc_mined_total.toFixed()).toBe('2.655');
    expect(s.btc_sold_total.toFixed()).toBe('0');
    // cash 1,000,000 - 74,400 - 67,200 = 858,400; minimum in Feb
    expect(s.cash_end_usd.toFixed()).toBe('858400');
    expect(s.cash_min_usd.toFixed()).toBe('858400');
    expect(s.cash_min_month).toBe(plan.start + 1);
    // value = 858,400 + 2.655 * 100,000 = 1,123,900
    expect(s.value_end_usd.toFixed()).toBe('1123900');
    expect(s.funding_gap_max_usd.toFixed()).toBe('0');
  });
});
