/**
 * The comparison model: runs side by side, aggregated and rounded as `run` does, periods
 * aligned by label. Expected values are worked out by hand from the months below.
 */
import { describe, expect, it } from 'vitest';
import { alignPeriods, buildComparison, type Comparison } from '../../src/core/compare.js';
import { formatMonth } from '../../src/core/month.js';
import { buildReport } from '../../src/core/report.js';
import type { Simulation } from '../../src/core/results.js';
import { monthResult, summary } from './report-fixture.js';

/** Run A: 2027-01 .. 2027-03 (one full quarter). */
function runA(): Simulation {
  return {
    months: [
      monthResult('2027-01', { mining_mw: '10', btc_mined: '1.5', cash_usd: '100' }),
      monthResult('2027-02', { mining_mw: '20', btc_mined: '2.5', cash_usd: '50' }),
      monthResult('2027-03', { mining_mw: '30', btc_mined: '3', cash_usd: '25.5' }),
    ],
    summary: summary({ btc_mined_total: '7.000000005', cash_end_usd: '25.5', cash_min_usd: '25.5' }, '2027-03'),
  };
}

/** Run B: 2027-02 .. 2027-05 (a horizon shifted by a month, as a scenario overriding `start` would). */
function runB(): Simulation {
  return {
    months: [
      monthResult('2027-02', { mining_mw: '40', btc_mined: '1', cash_usd: '10' }),
      monthResult('2027-03', { mining_mw: '50', btc_mined: '1', cash_usd: '20' }),
      monthResult('2027-04', { mining_mw: '60', btc_mined: '2', cash_usd: '30' }),
      monthResult('2027-05', { mining_mw: '70.5', btc_mined: '2.123456789', cash_usd: '40' }),
    ],
    summary: summary({ btc_mined_total: '6.123456789', cash_end_usd: '40', cash_min_usd: '10' }, '2027-02'),
  };
}

function values(model: Comparison, metric: number): string[][] {
  return model.metrics[metric]!.rows.map((r) => [
    r.label,
    formatMonth(r.first),
    formatMonth(r.last),
    ...r.values.map((v) => (v === null ? 'null' : v.toFixed())),
  ]);
}

describe('buildComparison', () => {
  const model = buildComparison(
    [
      { name: 'base', simulation: runA() },
      { name: 'late', simulation: runB() },
    ],
    { period: 'quarter', metrics: ['mining_mw', 'btc_mined', 'cash_usd'] },
  );

  it('keeps the runs and metrics in the order asked for', () => {
    expect(model.scenarios).toEqual(['base', 'late']);
    expect(model.metrics.map((m) => m.column.name)).toEqual(['mining_mw', 'btc_mined', 'cash_usd']);
    expect(model.metrics.map((m) => m.column.decimals)).toEqual([3, 8, 2]);
  });

  it('aggregates each run by the metric rule and rounds for output', () => {
    // mining_mw (mean): A Q1 = (10+20+30)/3 = 20; B Q1 = (40+50)/2 = 45, Q2 = (60+70.5)/2 = 65.25
    expect(values(model, 0)).toEqual([
      ['2027-Q1', '2027-01', '2027-03', '20', '45'],
      ['2027-Q2', '2027-04', '2027-05', 'null', '65.25'],
    ]);
    // btc_mined (sum): A Q1 = 1.5+2.5+3 = 7; B Q1 = 2, Q2 = 4.123456789 -> 4.12345679 (8 dp)
    expect(values(model, 1)).toEqual([
      ['2027-Q1', '2027-01', '2027-03', '7', '2'],
      ['2027-Q2', '2027-04', '2027-05', 'null', '4.12345679'],
    ]);
    // cash_usd (end): A Q1 = 25.5 (March); B Q1 = 20 (March), Q2 = 40 (May)
    expect(values(model, 2)).toEqual([
      ['2027-Q1', '2027-01', '2027-03', '25.5', '20'],
      ['2027-Q2', '2027-04', '2027-05', 'null', '40'],
    ]);
  });

  it('carries each run summary rounded for output', () => {
    // 7.000000005 to 8 dp, half to even: the 8th decimal 0 stays -> 7.00000000
    expect(model.summaries.map((s) => s.btc_mined_total.toFixed(8))).toEqual(['7.00000000', '6.12345679']);
    expect(model.summaries.map((s) => formatMonth(s.cash_min_month))).toEqual(['2027-03', '2027-02']);
  });

  it('gives the same numbers as buildReport for each run', () => {
    const report = buildReport(runB(), { period: 'quarter', columns: ['mining_mw', 'btc_mined', 'cash_usd'] });
    const late = model.metrics.map((m) => m.rows.map((r) => r.values[1]!.toFixed()));
    expect(late).toEqual([0, 1, 2].map((c) => report.rows.map((r) => r.values[c]!.toFixed())));
  });

  it('monthly periods align month by month', () => {
    const monthly = buildComparison(
      [
        { name: 'a', simulation: runA() },
        { name: 'b', simulation: runB() },
      ],
      { period: 'month', metrics: ['mining_mw'] },
    );
    expect(values(monthly, 0).map((r) => [r[0], r[3], r[4]])).toEqual([
      ['2027-01', '10', 'null'],
      ['2027-02', '20', '40'],
      ['2027-03', '30', '50'],
      ['2027-04', 'null', '60'],
      ['2027-05', 'null', '70.5'],
    ]);
  });
});

describe('alignPeriods', () => {
  it('orders the union of periods by first month', () => {
    const a = buildReport(runB(), { period: 'year', columns: ['mining_mw'] });
    const b = buildReport(runA(), { period: 'year', columns: ['mining_mw'] });
    const aligned = alignPeriods([a, b]);
    expect(aligned.map((p) => [p.label, formatMonth(p.first), formatMonth(p.last), p.rows.map((r) => r !== null)])).toEqual([
      ['2027', '2027-01', '2027-05', [true, true]],
    ]);
    expect(alignPeriods([])).toEqual([]);
  });
});
