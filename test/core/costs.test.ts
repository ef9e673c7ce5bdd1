import { describe, expect, test } from 'vitest';
import { simulate } from '../../src/core/simulate.js';
import { D, buildPlan, constant, costs, debt, m, site, treasury } from './plan-builder.js';

const t = (x: { toFixed(): string }) => x.toFixed();
const rich = treasury({ cashUsd: D(100_000_000) });

describe('costs', () => {
  test('site opex, G&A, recurring from/to inclusive, one-offs', () => {
    // site opex 10 MW * $6,000 = $60,000; G&A $1,000,000; insurance $500 in 2027-02..2027-03
    const plan = buildPlan({
      months: 4,
      fleet: [],
      sites: [site({ opexUsdPerMwMonth: D(6000) })],
      costs: costs({
        gAndAUsdPerMonth: constant(1000000),
        recurring: [{ id: 'insurance', usdPerMonth: constant(500), from: m('2027-02'), to: m('2027-03') }],
        oneOff: [
          { id: 'grant', month: m('2027-02'), amountUsd: D(250) },
          { id: 'land', month: m('2027-03'), amountUsd: D(-100) },
        ],
      }),
      treasury: rich,
    });
    const months = simulate(plan).months;
    expect(months.map((r) => t(r.opex_usd))).toEqual(['1060000', '1060500', '1060500', '1060000']);
    expect(months.map((r) => t(r.other_flows_usd))).toEqual(['0', '250', '-100', '0']);
    // cash: 100,000,000 - 1,060,000 = 98,940,000; - 1,060,500 + 250 = 97,879,750;
    // - 1,060,500 - 100 = 96,819,150; - 1,060,000 = 95,759,150
    expect(months.map((r) => t(r.cash_usd))).toEqual(['98940000', '97879750', '96819150', '95759150']);
    expect(months[1]!.cash_lines.map((l) => [l.kind, l.subject, t(l.amount_usd)])).toEqual([
      ['site_opex', 'alpha', '-60000'],
      ['g_and_a', 'g_and_a', '-1000000'],
      ['recurring', 'insurance', '-500'],
      ['one_off', 'grant', '250'],
    ]);
  });

  test('G&A posting is rounded to cents half-even', () => {
    // 1,000.005 -> 1,000.00 (half-even), 1,000.015 -> 1,000.02
    const a = simulate(buildPlan({ fleet: [], costs: costs({ gAndAUsdPerMonth: constant('1000.005') }), treasury: rich }));
    const b = simulate(buildPlan({ fleet: [], costs: costs({ gAndAUsdPerMonth: constant('1000.015') }), treasury: rich }));
    expect(t(a.months[0]!.opex_usd)).toBe('1000');
    expect(t(b.months[0]!.opex_usd)).toBe('1000.02');
  });
});

describe('debt', () => {
  test('interest, issue and maturity', () => {
    // A: $1,200,000 at 6% outstanding before start, maturity 2027-03: interest 1.2M * 6% / 12 = $6,000
    //    in Jan, Feb, Mar; principal out in Mar.
    // B: $1,000,000 at 12% issued 2027-02, maturity 2027-04: +1M in Feb; interest $10,000 in Mar, Apr;
    //    principal out in Apr.
    const plan = buildPlan({
      months: 4,
      fleet: [],
      debt: [
        debt({ id: 'a', principalUsd: D(1200000), ratePct: D(6), maturity: m('2027-03') }),
        debt({ id: 'b', principalUsd: D(1000000), ratePct: D(12), maturity: m('2027-04'), issue: m('2027-02') }),
      ],
      treasury: rich,
    });
    const sim = simulate(plan);
    const months = sim.months;
    expect(months.map((r) => t(r.interest_usd))).toEqual(['6000', '6000', '16000', '10000']);
    expect(months.map((r) => t(r.debt_flows_usd))).toEqual(['0', '1000000', '-1200000', '-1000000']);
    expect(months.map((r) => r.decisions.map((d) => `${d.code} ${d.subject}`))).toEqual([
      [],
      ['DEBT_ISSUED b'],
      ['DEBT_MATURITY a'],
      ['DEBT_MATURITY b'],
    ]);
    expect(months[1]!.decisions[0]!.detail).toBe('$1,000,000.00 borrowed at 12% a year, due 2027-04');
    expect(t(sim.summary.debt_outstanding_end_usd)).toBe('0');
  });

  test('interest rounded to cents: $1,000 at 1% = $0.8333 -> $0.83; outstanding at the end counts in value', () => {
    const plan = buildPlan({
      months: 2,
      fleet: [],
      debt: [debt({ id: 'c', principalUsd: D(1000), ratePct: D(1), maturity: m('2030-01') })],
      treasury: treasury({ cashUsd: D(10000) }),
    });
    const sim = simulate(plan);
    expect(t(sim.months[0]!.interest_usd)).toBe('0.83');
    // value_end = cash 10,000 - 2 * 0.83 = 9,998.34, no BTC, minus debt 1,000 = 8,998.34
    expect(t(sim.summary.cash_end_usd)).toBe('9998.34');
    expect(t(sim.summary.value_end_usd)).toBe('8998.34');
  });
});
