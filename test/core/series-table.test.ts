import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { seriesAt } from '../../src/core/series.js';
import { discountFactors, seriesTable } from '../../src/core/series-table.js';
import { simulate } from '../../src/core/simulate.js';
import { D, START, buildPlan, growth, m, market, points, withOverrides } from './plan-builder.js';

describe('series tables', () => {
  test('growth per year: 100 * 1.21^(k/12): k=6 -> 110, k=12 -> 121, k=24 -> 146.41', () => {
    const values = seriesTable(growth(100, 21), START, 25);
    expect(values[0]!.toFixed()).toBe('100');
    expect(values[6]!.toFixed()).toBe('110'); // sqrt(1.21) = 1.1
    expect(values[12]!.toFixed()).toBe('121');
    expect(values[24]!.toFixed()).toBe('146.41');
  });

  test('growth per month: 100 * 1.1^k: k=2 -> 121; negative growth 100 * 0.9^3 = 72.9', () => {
    expect(seriesTable(growth(100, 10, 'month'), START, 3)[2]!.toFixed()).toBe('121');
    expect(seriesTable(growth(100, -10, 'month'), START, 4)[3]!.toFixed()).toBe('72.9');
  });

  test('points: linear in month index, flat outside; overrides replace', () => {
    const s = withOverrides(points({ '2027-01': 90000, '2027-12': 120000 }), { '2027-03': 1 });
    const v = seriesTable(s, m('2026-11'), 18);
    expect(v[0]!.toFixed()).toBe('90000'); // before the first point
    // 2027-07 is 6 of 11 months in: 90,000 + 30,000 * 6 / 11 = 106,363.636...
    expect(v[8]!.toFixed(3)).toBe('106363.636');
    expect(v[4]!.toFixed()).toBe('1'); // override in 2027-03
    expect(v[13]!.toFixed()).toBe('120000');
    expect(v[17]!.toFixed()).toBe('120000'); // after the last point
  });

  // seriesAt rounds the exponent k/12 to 40 digits before the power; the table uses the exact
  // exponent, so the two agree to a couple of units in the 40th significant digit.
  test('tables equal seriesAt to 1e-38 relative for growth series', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: -500, max: 5000 }),
        fc.constantFrom<'year' | 'month'>('year', 'month'),
        (start, growthTenths, per) => {
          const s = growth(start, D(growthTenths).div(100).toFixed(), per);
          const table = seriesTable(s, START, 30);
          for (const k of [1, 5, 13, 29]) {
            const expected = seriesAt(s, (START + k) as never);
            const tolerance = expected.abs().times('1e-38');
            expect(table[k]!.minus(expected).abs().lte(tolerance)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test('series growth reaches the engine: BTC price 100,000 growing 21%/year is 110,000 in month 6', () => {
    const plan = buildPlan({ months: 7, fleet: [], market: market({ btcPriceUsd: growth(100000, 21) }) });
    expect(simulate(plan).months[6]!.btc_price_usd.toFixed()).toBe('110000');
  });

  test('discount factors: (1 + r)^(-(k+1)/12) with (1+r)^(1/12) = 1.01', () => {
    // 1.01^12 = 1.126825030131969720661201, so r = 12.6825030131969720661201%
    const f = discountFactors(D('12.6825030131969720661201'), 3);
    expect(f[0]!.times('1.01').toFixed(30)).toBe(D(1).toFixed(30));
    expect(f[2]!.times('1.030301').toFixed(30)).toBe(D(1).toFixed(30));
  });
});
