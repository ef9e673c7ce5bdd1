/**
 * Check evaluation on hand-made monthly values: bounds are inclusive, the first breaching
 * month is reported with its value and bound, `at` and from..to narrow the months, and
 * `scenarios` narrows the scenarios.
 */
import { describe, expect, it } from 'vitest';
import { anyCheckAppliesTo, evaluateCheck, evaluateChecks } from '../../src/core/checks.js';
import { Decimal } from '../../src/core/decimal.js';
import { parseMonth, type Month } from '../../src/core/month.js';
import type { Check } from '../../src/core/plan.js';
import type { MonthResult, Simulation } from '../../src/core/results.js';

const m = (s: string): Month => parseMonth(s)!;

/** A simulation whose months carry only cash_usd (the check reads nothing else). */
function sim(cash: Record<string, number>): Simulation {
  const months = Object.entries(cash).map(([month, value]) => ({ month: m(month), cash_usd: new Decimal(value) }) as unknown as MonthResult);
  return { months, summary: {} as Simulation['summary'] };
}

const covenant: Check = { name: 'covenant', metric: 'cash_usd', min: new Decimal(100), max: null, at: null, from: null, to: null, scenarios: null };

describe('evaluateCheck', () => {
  it('passes at exactly the bound (inclusive)', () => {
    const r = evaluateCheck(covenant, 0, 'base', sim({ '2027-01': 100, '2027-02': 150 }));
    expect(r.passed).toBe(true);
    expect(r.monthsTested).toBe(2);
  });

  it('reports the first breaching month, its value and the bound', () => {
    const r = evaluateCheck(covenant, 0, 'bear', sim({ '2027-01': 120, '2027-02': 99.99, '2027-03': 50, '2027-04': 130 }));
    expect(r.passed).toBe(false);
    expect(r.monthsBreached).toBe(2); // 99.99 and 50 are below 100
    expect(r.firstBreach!.month).toBe(m('2027-02'));
    expect(r.firstBreach!.value.toString()).toBe('99.99');
    expect(r.firstBreach!.bound.toString()).toBe('100');
    expect(r.firstBreach!.side).toBe('min');
  });

  it('tests only the `at` month, or the from..to range', () => {
    const s = sim({ '2027-01': 10, '2027-02': 500, '2027-03': 10 });
    expect(evaluateCheck({ ...covenant, at: m('2027-02') }, 0, 'base', s).passed).toBe(true);
    expect(evaluateCheck({ ...covenant, from: m('2027-02'), to: m('2027-02') }, 0, 'base', s).monthsTested).toBe(1);
    expect(evaluateCheck({ ...covenant, from: m('2027-02') }, 0, 'base', s).firstBreach!.month).toBe(m('2027-03'));
  });

  it('checks a max bound', () => {
    const r = evaluateCheck({ ...covenant, min: null, max: new Decimal(0) }, 0, 'base', sim({ '2027-01': 0, '2027-02': 0.01 }));
    expect(r.firstBreach!.side).toBe('max');
    expect(r.firstBreach!.month).toBe(m('2027-02'));
  });

  it('evaluates each check on the scenarios it names, base first', () => {
    const sims = new Map([
      ['base', sim({ '2027-01': 200 })],
      ['bear', sim({ '2027-01': 50 })],
    ]);
    const results = evaluateChecks([covenant, { ...covenant, name: 'bear only', scenarios: ['bear'] }], sims);
    expect(results.map((r) => `${r.check.name}/${r.scenario}/${r.passed}`)).toEqual(['covenant/base/true', 'covenant/bear/false', 'bear only/bear/false']);
  });

  it('tells the scenarios some check applies to: the only ones worth simulating', () => {
    const names = ['base', 'bear', 'bull', 'no-ai'];
    const only = (...scenarios: string[]): Check => ({ ...covenant, scenarios });
    const checked = (checks: Check[]) => names.filter((name) => anyCheckAppliesTo(checks, name));
    expect(checked([covenant])).toEqual(names);
    expect(checked([only('bull', 'base')])).toEqual(['base', 'bull']);
    expect(checked([only('bear'), only('no-ai')])).toEqual(['bear', 'no-ai']);
    expect(checked([])).toEqual([]);
  });
});
