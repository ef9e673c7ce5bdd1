/**
 * Result deltas: exact differences of output values and percent changes to 2 dp.
 * Expected values are hand arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { changeOf, diffResults, isChanged, percentChange, type Change } from '../../src/core/diff.js';
import { formatMonth } from '../../src/core/month.js';
import type { Simulation } from '../../src/core/results.js';
import { d, monthResult, summary } from './report-fixture.js';

function text(c: Change, places: number): (string | null)[] {
  return [c.old, c.new, c.delta].map((v) => (v === null ? null : v.toFixed(places))).concat(c.pct === null ? null : c.pct.toFixed(2));
}

describe('percentChange and changeOf', () => {
  it('old 200, new 150: delta -50, -25.00%', () => {
    expect(text(changeOf(d('200'), d('150'), 2), 2)).toEqual(['200.00', '150.00', '-50.00', '-25.00']);
  });

  it('divides by |old| so the sign follows the change', () => {
    // -200 -> -150 is up by 50: 50 / 200 = +25%
    expect(percentChange(d('-200'), d('-150'))!.toFixed(2)).toBe('25.00');
    // -200 -> -250 is down by 50: -25%
    expect(percentChange(d('-200'), d('-250'))!.toFixed(2)).toBe('-25.00');
  });

  it('rounds percent to 2 dp, half to even', () => {
    // 1/3 * 100 = 33.333... -> 33.33; -2/3 * 100 = -66.666... -> -66.67
    expect(percentChange(d('3'), d('4'))!.toFixed(2)).toBe('33.33');
    expect(percentChange(d('3'), d('1'))!.toFixed(2)).toBe('-66.67');
    // 0.05 / 200 * 100 = 0.025 -> tie, even -> 0.02; 0.07 / 200 * 100 = 0.035 -> 0.04
    expect(percentChange(d('200'), d('200.05'))!.toFixed(2)).toBe('0.02');
    expect(percentChange(d('200'), d('200.07'))!.toFixed(2)).toBe('0.04');
    // 0.0001 / 8 * 100 = 0.00125 -> 0.00, and never -0
    const tiny = percentChange(d('8'), d('7.9999'))!;
    expect(tiny.isZero()).toBe(true);
    expect(tiny.isNeg()).toBe(false);
  });

  it('has no percent when old is 0, and no delta when a side is missing', () => {
    expect(text(changeOf(d('0'), d('12.5'), 2), 2)).toEqual(['0.00', '12.50', '12.50', null]);
    expect(text(changeOf(null, d('1'), 3), 3)).toEqual([null, '1.000', null, null]);
    expect(text(changeOf(d('1'), null, 3), 3)).toEqual(['1.000', null, null, null]);
  });

  it('is exact on amounts a float would get wrong', () => {
    // 0.3 - 0.1 is 0.19999999999999998 in binary floats
    expect(changeOf(d('0.1'), d('0.3'), 8).delta!.toFixed()).toBe('0.2');
    // 12345678901234567.89 - 0.01: beyond float precision
    expect(changeOf(d('0.01'), d('12345678901234567.89'), 2).delta!.toFixed(2)).toBe('12345678901234567.88');
  });

  it('a zero delta is +0 and is not a change', () => {
    const same = changeOf(d('5.5'), d('5.5'), 2);
    expect(same.delta!.isNeg()).toBe(false);
    expect(isChanged(same)).toBe(false);
    expect(isChanged(changeOf(null, d('0'), 2))).toBe(true);
  });
});

function sim(minedMarch: string, extraMonth = false): Simulation {
  const months = [
    monthResult('2027-01', { btc_mined: '1', cash_usd: '200' }),
    monthResult('2027-02', { btc_mined: '2', cash_usd: '180' }),
    monthResult('2027-03', { btc_mined: minedMarch, cash_usd: '150' }),
  ];
  if (extraMonth) months.push(monthResult('2027-04', { btc_mined: '4', cash_usd: '120' }));
  const total = d('3').plus(minedMarch).plus(extraMonth ? '4' : '0').toFixed();
  return {
    months,
    summary: summary({ btc_mined_total: total, cash_end_usd: extraMonth ? '120' : '150', cash_min_usd: extraMonth ? '120' : '150' }, extraMonth ? '2027-04' : '2027-03'),
  };
}

describe('diffResults', () => {
  it('all zero and unchanged for the same simulation', () => {
    const r = diffResults(sim('3'), sim('3'), { period: 'quarter', metrics: ['btc_mined', 'cash_usd'] });
    expect(r.changed).toBe(false);
    expect(r.summary.every((s) => s.change.delta!.isZero())).toBe(true);
    expect(r.metrics.flatMap((m) => m.rows.map((row) => row.change.delta!.toFixed()))).toEqual(['0', '0']);
  });

  it('summary and period deltas with percentages', () => {
    // March mined 3 -> 1.5: Q1 sum 6 -> 4.5, delta -1.5, -25.00%; totals the same
    const r = diffResults(sim('3'), sim('1.5'), { period: 'quarter', metrics: ['btc_mined', 'cash_usd'] });
    expect(r.changed).toBe(true);
    const mined = r.summary.find((s) => s.field.name === 'btc_mined_total')!;
    expect(text(mined.change, 8)).toEqual(['6.00000000', '4.50000000', '-1.50000000', '-25.00']);
    const q1 = r.metrics[0]!.rows[0]!;
    expect([q1.label, ...text(q1.change, 8)]).toEqual(['2027-Q1', '6.00000000', '4.50000000', '-1.50000000', '-25.00']);
    expect(text(r.metrics[1]!.rows[0]!.change, 2)).toEqual(['150.00', '150.00', '0.00', '0.00']);
  });

  it('a period only one side covers has a null side and counts as a change', () => {
    const r = diffResults(sim('3'), sim('3', true), { period: 'month', metrics: ['btc_mined'] });
    expect(r.changed).toBe(true);
    const april = r.metrics[0]!.rows[3]!;
    expect([april.label, ...text(april.change, 8)]).toEqual(['2027-04', null, '4.00000000', null, null]);
    expect([formatMonth(r.cashMinMonth.old), formatMonth(r.cashMinMonth.new)]).toEqual(['2027-03', '2027-04']);
  });
});
