import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDecimal } from '../helpers.js';
import { Decimal } from '../../src/core/decimal.js';
import { formatMonth } from '../../src/core/month.js';
import {
  ALL_COLUMNS,
  DEFAULT_TABLE_COLUMNS,
  METRIC_AGGREGATION,
  METRIC_LABELS,
  buildReport,
  parseColumns,
  periodLabel,
  roundOutput,
  type Report,
} from '../../src/core/report.js';
import { METRIC_NAMES, type MetricName } from '../../src/core/results.js';
import { d, fourMonths, month, monthResult, summary } from './report-fixture.js';

/** The report's values of one row as plain strings, keyed by metric. */
function rowValues(report: Report, index: number): Record<string, string> {
  const row = report.rows[index]!;
  return Object.fromEntries(report.columns.map((c, i) => [c.name, row.values[i]!.toFixed()]));
}

const SOME: readonly MetricName[] = [
  'btc_price_usd',
  'hashprice_usd_per_ph_day',
  'mining_mw',
  'idle_mw',
  'fleet_hashrate_ehs',
  'btc_mined',
  'btc_sold',
  'btc_held',
  'mining_revenue_usd',
  'power_cost_usd',
  'capex_usd',
  'net_cash_flow_usd',
  'cash_usd',
  'funding_gap_usd',
  'hashcost_usd_per_ph_day',
  'power_cost_per_btc_usd',
];

describe('buildReport by month', () => {
  const report = buildReport(fourMonths(), { period: 'month', columns: SOME });

  it('has one row per month with its label and month range', () => {
    expect(report.rows.map((r) => r.label)).toEqual(['2027-01', '2027-02', '2027-03', '2027-04']);
    expect(report.rows.map((r) => r.monthCount)).toEqual([1, 1, 1, 1]);
    expect(report.rows[1]!.first).toBe(month('2027-02'));
    expect(report.rows[1]!.last).toBe(month('2027-02'));
  });

  it('rounds for output with ROUND_HALF_EVEN', () => {
    // hashprice 46.125 -> 46.12 (half-even; half-up would give 46.13)
    expect(rowValues(report, 0).hashprice_usd_per_ph_day).toBe('46.12');
    // capex 250000.125 -> 250000.12
    expect(rowValues(report, 3).capex_usd).toBe('250000.12');
  });

  it('keeps the columns in the order asked, with unit and places', () => {
    expect(report.columns.map((c) => c.name)).toEqual(SOME);
    expect(report.columns.find((c) => c.name === 'btc_mined')).toEqual({
      name: 'btc_mined',
      unit: 'btc',
      decimals: 8,
      aggregation: 'sum',
    });
    expect(report.columns.find((c) => c.name === 'mining_mw')!.decimals).toBe(3);
    expect(report.columns.find((c) => c.name === 'hashprice_usd_per_ph_day')!.decimals).toBe(2);
  });

  it('flags funding gaps and cash-floor breaches per row', () => {
    expect(report.rows.map((r) => r.fundingGap)).toEqual([false, true, true, false]);
    expect(report.rows.map((r) => r.belowCashFloor)).toEqual([false, true, false, false]);
  });

  it('lists every decision with its month, in order', () => {
    expect(report.decisions.map((x) => `${formatMonth(x.month)} ${x.code}`)).toEqual([
      '2027-01 BATCH_ONLINE',
      '2027-02 FUNDING_GAP',
      '2027-02 CASH_BELOW_FLOOR',
      '2027-03 SELL_PRODUCTION',
    ]);
  });

  it('rounds the summary: USD 2 dp half-even, BTC 8 dp', () => {
    // npv -123456.785 -> -123456.78 (8 is even)
    expect(report.summary.npv_usd.toFixed()).toBe('-123456.78');
    expect(report.summary.btc_mined_total.toFixed(8)).toBe('34.87500000');
    expect(report.summary.cash_min_month).toBe(month('2027-02'));
  });

  it('has no breakdown unless asked', () => {
    expect(report.breakdown).toBeNull();
  });
});

describe('buildReport by quarter', () => {
  const report = buildReport(fourMonths(), { period: 'quarter', columns: SOME });

  it('groups calendar quarters; the partial last quarter has the months it has', () => {
    expect(report.rows.map((r) => [r.label, formatMonth(r.first), formatMonth(r.last), r.monthCount])).toEqual([
      ['2027-Q1', '2027-01', '2027-03', 3],
      ['2027-Q2', '2027-04', '2027-04', 1],
    ]);
  });

  it('aggregates Q1 by the documented rules (hand-computed)', () => {
    expect(rowValues(report, 0)).toEqual({
      // mean: (85000 + 90000 + 95000) / 3 = 90000
      btc_price_usd: '90000',
      // mean: (46.125 + 47 + 48.5) / 3 = 141.625 / 3 = 47.2083.. -> 47.21
      hashprice_usd_per_ph_day: '47.21',
      // mean: (80 + 80 + 70) / 3 = 76.666.. -> 76.667
      mining_mw: '76.667',
      // mean: (20 + 20 + 30) / 3 = 23.333.. -> 23.333
      idle_mw: '23.333',
      // mean: (4 + 4 + 3.5) / 3 = 3.8333.. -> 3.833
      fleet_hashrate_ehs: '3.833',
      // sum: 10.5 + 9.25 + 8.125 = 27.875
      btc_mined: '27.875',
      // sum: 0 + 4.25 + 3.125 = 7.375
      btc_sold: '7.375',
      // end: March's 120
      btc_held: '120',
      // sum: 892500 + 832500 + 771875 = 2496875
      mining_revenue_usd: '2496875',
      // sum: 400000 + 410000 + 380000 = 1190000
      power_cost_usd: '1190000',
      // sum: 0 + 1500000 + 0
      capex_usd: '1500000',
      // sum: 2000 - 3500.5 + 1250.5 = -250
      net_cash_flow_usd: '-250',
      // end: March's -250
      cash_usd: '-250',
      // max: max(0, 1500.5, 250)
      funding_gap_usd: '1500.5',
      // per PH-day: weights EH/s * days = 4*31 + 4*28 + 3.5*31 = 124 + 112 + 108.5 = 344.5;
      // 30*124 + 32*112 + 36*108.5 = 3720 + 3584 + 3906 = 11210; 11210 / 344.5 = 32.5399.. -> 32.54
      hashcost_usd_per_ph_day: '32.54',
      // per BTC: 40000*10.5 + 42000*9.25 + 45000*8.125 = 420000 + 388500 + 365625 = 1174125;
      // 1174125 / 27.875 = 42121.0762.. -> 42121.08
      power_cost_per_btc_usd: '42121.08',
    });
  });

  it('a one-month quarter reports that month, rounded', () => {
    const q2 = rowValues(report, 1);
    expect(q2.capex_usd).toBe('250000.12');
    expect(q2.btc_held).toBe('127');
    expect(q2.hashcost_usd_per_ph_day).toBe('37');
  });

  it('flags a quarter when any of its months is flagged', () => {
    expect(report.rows.map((r) => [r.fundingGap, r.belowCashFloor])).toEqual([
      [true, true],
      [false, false],
    ]);
  });
});

describe('buildReport by year', () => {
  const report = buildReport(fourMonths(), { period: 'year', columns: SOME });

  it('aggregates the four months of 2027 (hand-computed)', () => {
    expect(report.rows.map((r) => [r.label, r.monthCount])).toEqual([['2027', 4]]);
    const y = rowValues(report, 0);
    // mean: (85000 + 90000 + 95000 + 100000) / 4 = 92500
    expect(y.btc_price_usd).toBe('92500');
    // mean: (141.625 + 49) / 4 = 47.65625 -> 47.66
    expect(y.hashprice_usd_per_ph_day).toBe('47.66');
    // mean: (80 + 80 + 70 + 70) / 4 = 75
    expect(y.mining_mw).toBe('75');
    // sum: 27.875 + 7 = 34.875
    expect(y.btc_mined).toBe('34.875');
    // sum then round: 1500000 + 250000.125 = 1750000.125 -> 1750000.12
    expect(y.capex_usd).toBe('1750000.12');
    // end: April's 4750
    expect(y.cash_usd).toBe('4750');
    // per PH-day: April weight 3.5*30 = 105, 37*105 = 3885; (11210 + 3885) / (344.5 + 105)
    // = 15095 / 449.5 = 33.5817.. -> 33.58
    expect(y.hashcost_usd_per_ph_day).toBe('33.58');
    // per BTC: (1174125 + 46000*7) / 34.875 = 1496125 / 34.875 = 42899.6415.. -> 42899.64
    expect(y.power_cost_per_btc_usd).toBe('42899.64');
  });
});

describe('buildReport breakdowns', () => {
  it('by site: long format, same period aggregation', () => {
    const report = buildReport(fourMonths(), { period: 'quarter', columns: ['cash_usd'], by: 'site' });
    const b = report.breakdown!;
    expect(b.kind).toBe('site');
    expect(b.rows.map((r) => [r.label, r.site, r.batch])).toEqual([
      ['2027-Q1', 'alpha', null],
      ['2027-Q2', 'alpha', null],
    ]);
    const q1 = Object.fromEntries(b.fields.map((f, i) => [f.name, b.rows[0]!.values[i]!.toFixed()]));
    expect(q1.capacity_mw).toBe('100');
    expect(q1.mining_mw).toBe('76.667');
    expect(q1.btc_mined).toBe('27.875');
    expect(q1.power_cost_usd).toBe('1190000');
  });

  it('by batch: a batch missing from a month counts 0 in means, rates average the months it exists', () => {
    const report = buildReport(fourMonths(), { period: 'quarter', columns: ['cash_usd'], by: 'batch' });
    const b = report.breakdown!;
    expect(b.rows.map((r) => [r.label, r.batch, r.site])).toEqual([
      ['2027-Q1', 'b1', 'alpha'],
      ['2027-Q1', 'b2', 'alpha'],
      ['2027-Q2', 'b1', 'alpha'],
      ['2027-Q2', 'b2', 'alpha'],
    ]);
    const value = (row: number, field: string): string =>
      b.rows[row]!.values[b.fields.findIndex((f) => f.name === field)]!.toFixed();
    // b1: units (1000 + 1000 + 875) / 3 = 958.333..; MW (80 + 60 + 50) / 3 = 63.333..; BTC 10.5 + 7 + 5.8 = 23.3
    expect(value(0, 'units_running')).toBe('958.333');
    expect(value(0, 'mining_mw')).toBe('63.333');
    expect(value(0, 'btc_mined')).toBe('23.3');
    expect(value(0, 'revenue_usd_per_mwh')).toBe('62');
    // b2 exists in Feb and Mar only: units (0 + 500 + 500) / 3 = 333.333..; MW 40 / 3 = 13.333..;
    // BTC 2.25 + 2.325 = 4.575; revenue/MWh (50 + 51) / 2 = 50.5 (months it exists)
    expect(value(1, 'units_running')).toBe('333.333');
    expect(value(1, 'mining_mw')).toBe('13.333');
    expect(value(1, 'btc_mined')).toBe('4.575');
    expect(value(1, 'revenue_usd_per_mwh')).toBe('50.5');
  });
});

describe('aggregation properties', () => {
  const satoshis = fc.bigInt({ min: 0n, max: 2_100_000_000_000_000n }).map((s) => new Decimal(s.toString()).div(1e8));
  const series = fc.array(satoshis, { minLength: 1, maxLength: 30 });

  function simulationOf(values: readonly Decimal[]) {
    const start = month('2026-11');
    const months = values.map((v, k) =>
      monthResult(formatMonth((start + k) as typeof start), { btc_mined: v.toFixed(), btc_held: v.toFixed() }),
    );
    return { months, summary: summary({}, '2026-11') };
  }

  it('period sums of a flow add up to the horizon total, for any period', () => {
    fc.assert(
      fc.property(series, fc.constantFrom('month' as const, 'quarter' as const, 'year' as const), (values, period) => {
        const report = buildReport(simulationOf(values), { period, columns: ['btc_mined'] });
        const total = report.rows.reduce((t, r) => t.plus(r.values[0]!), new Decimal(0));
        expect(total.toFixed(8)).toBe(values.reduce((t, v) => t.plus(v), new Decimal(0)).toFixed(8));
      }),
    );
  });

  it('a balance takes the value of the period’s last month', () => {
    fc.assert(
      fc.property(series, (values) => {
        const report = buildReport(simulationOf(values), { period: 'year', columns: ['btc_held'] });
        expect(report.rows[report.rows.length - 1]!.values[0]!.toFixed(8)).toBe(values[values.length - 1]!.toFixed(8));
      }),
    );
  });

  it('the row count is the number of calendar periods the horizon touches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (n) => {
        const report = buildReport(simulationOf(Array.from({ length: n }, () => new Decimal(1))), {
          period: 'quarter',
          columns: ['btc_mined'],
        });
        // starts in November (Q4): 2 months in the first quarter, then every 3
        expect(report.rows.length).toBe(n <= 2 ? 1 : 1 + Math.ceil((n - 2) / 3));
      }),
    );
  });
});

describe('roundOutput and periodLabel', () => {
  it('never yields negative zero', () => {
    const r = roundOutput(d('-0.001'), 2);
    expect(r.isNeg()).toBe(false);
    expect(r.toFixed(2)).toBe('0.00');
    expect(roundOutput(d('-0'), 2).isNeg()).toBe(false);
  });

  it('rounds half-even to the places, and keeps a value already at them as it is', () => {
    expect(roundOutput(d('2.125'), 2).toFixed()).toBe('2.12');
    expect(roundOutput(d('-2.135'), 2).toFixed()).toBe('-2.14');
    expect(roundOutput(d('1234.5'), 2).toFixed()).toBe('1234.5');
    const decimals = arbitraryDecimal(24, 30);
    fc.assert(
      fc.property(decimals, fc.integer({ min: 0, max: 10 }), (x, places) => {
        const r = roundOutput(x, places);
        const expected = x.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
        expect(r.eq(expected)).toBe(true);
        expect(r.isZero() && r.isNeg()).toBe(false);
      }),
    );
  });

  it('labels months, quarters and years', () => {
    expect(periodLabel(month('2027-01'), 'month')).toBe('2027-01');
    expect(periodLabel(month('2027-03'), 'quarter')).toBe('2027-Q1');
    expect(periodLabel(month('2027-04'), 'quarter')).toBe('2027-Q2');
    expect(periodLabel(month('2027-12'), 'quarter')).toBe('2027-Q4');
    expect(periodLabel(month('2027-12'), 'year')).toBe('2027');
  });
});

describe('columns', () => {
  it('every metric has an aggregation rule and a label', () => {
    expect(Object.keys(METRIC_AGGREGATION).sort()).toEqual([...METRIC_NAMES].sort());
    expect(Object.keys(METRIC_LABELS).sort()).toEqual([...METRIC_NAMES].sort());
    expect(ALL_COLUMNS).toEqual(METRIC_NAMES);
    for (const c of DEFAULT_TABLE_COLUMNS) expect(METRIC_NAMES).toContain(c);
  });

  it('parses a list, ignoring spaces and the month column', () => {
    expect(parseColumns(' month, btc_mined ,cash_usd')).toEqual({ ok: true, columns: ['btc_mined', 'cash_usd'] });
  });

  it('accepts all', () => {
    expect(parseColumns('all')).toEqual({ ok: true, columns: METRIC_NAMES });
    expect(parseColumns('cash_usd,all')).toMatchObject({ ok: true, columns: ['cash_usd', ...METRIC_NAMES.filter((n) => n !== 'cash_usd')] });
  });

  it('reports every unknown name, with a suggestion and the valid names', () => {
    const result = parseColumns('btc_sell,cash_usd,zzz');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      'unknown column "btc_sell" (did you mean "btc_sold"?)',
      'unknown column "zzz"',
    ]);
    expect(result.errors[0]!.code).toBe('UNKNOWN_COLUMN');
    expect(result.errors[0]!.valid).toContain('hashprice_usd_per_ph_day');
    expect(result.errors[0]!.hint).toMatch(/^valid columns: month, btc_price_usd, /);
  });

  it('refuses duplicates and empty lists', () => {
    expect(parseColumns('cash_usd,cash_usd')).toMatchObject({ ok: false, errors: [{ code: 'DUPLICATE_COLUMN' }] });
    expect(parseColumns(' , ')).toMatchObject({ ok: false, errors: [{ code: 'EMPTY_COLUMNS' }] });
    expect(parseColumns('month')).toMatchObject({ ok: false, errors: [{ code: 'EMPTY_COLUMNS' }] });
  });
});

describe('purity', () => {
  it('report.ts imports only decimal.js and sibling core files', () => {
    const source = readFileSync(new URL('../../src/core/report.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(0);
    for (const i of imports) expect(i === 'decimal.js' || /^\.\/[a-z-]+\.js$/.test(i)).toBe(true);
  });
});
