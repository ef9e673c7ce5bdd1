import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import { RESULT_SCHEMA, renderJson } from '../../src/io/render-json.js';
import { META, fourMonths, monthResult, summary, twoMonths } from '../core/report-fixture.js';

describe('renderJson', () => {
  it('renders the whole document of a tiny case byte for byte', () => {
    const report = buildReport(twoMonths(), { period: 'month', columns: ['btc_price_usd', 'btc_mined', 'cash_usd'] });
    expect(renderJson(report, META)).toBe(`{
  "schema": "hashpivot.result/1",
  "plan": {
    "name": "Pivot, \\"base\\" case",
    "file": "plans/pivot.yaml",
    "sha256": "abababababababababababababababababababababababababababababababab"
  },
  "scenario": "base",
  "period": "month",
  "months": [
    {
      "month": "2027-01",
      "btc_price_usd": 85000.00,
      "btc_mined": 10.50000000,
      "cash_usd": 2000.00
    },
    {
      "month": "2027-02",
      "btc_price_usd": 90000.00,
      "btc_mined": 9.25000000,
      "cash_usd": -1500.50
    }
  ],
  "summary": {
    "btc_mined_total": 19.75000000,
    "btc_sold_total": 4.25000000,
    "btc_held_end": 115.00000000,
    "cash_end_usd": -1500.50,
    "cash_min_usd": -1500.50,
    "cash_min_month": "2027-02",
    "funding_gap_max_usd": 1500.50,
    "npv_usd": -1500.50,
    "value_end_usd": 10348499.50,
    "debt_outstanding_end_usd": 0.00
  },
  "decisions": [
    {
      "month": "2027-01",
      "code": "BATCH_ONLINE",
      "subject": "b1",
      "detail": "Batch b1 online: 1,000 units, 3.5 MW."
    },
    {
      "month": "2027-02",
      "code": "FUNDING_GAP",
      "subject": "treasury",
      "detail": "Cash ended at -1,500.50 USD."
    },
    {
      "month": "2027-02",
      "code": "CASH_BELOW_FLOOR",
      "subject": "treasury",
      "detail": "Cash below the floor of 0.00 USD."
    }
  ]
}
`);
  });

  it('is valid JSON laid out like JSON.stringify with 2-space indent', () => {
    const report = buildReport(fourMonths(), { period: 'month', columns: ['btc_price_usd', 'btc_mined', 'cash_usd'] });
    const text = renderJson(report, META);
    const parsed = JSON.parse(text) as { schema: string; plan: { name: string }; months: unknown[] };
    expect(parsed.schema).toBe(RESULT_SCHEMA);
    expect(parsed.plan.name).toBe('Pivot, "base" case');
    expect(parsed.months).toHaveLength(4);
    // only the number text differs from JSON.stringify (which drops trailing zeros)
    const stripZeros = (s: string): string => s.replace(/(\d+\.\d*?)0+(?=[,\n])/g, '$1').replace(/\.(?=[,\n])/g, '');
    expect(stripZeros(text)).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
  });

  it('keeps the top-level key order and emits every metric by default', () => {
    const report = buildReport(fourMonths(), { period: 'month', columns: ['cash_usd', 'btc_held'] });
    const parsed = JSON.parse(renderJson(report, META)) as Record<string, unknown> & { months: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['schema', 'plan', 'scenario', 'period', 'months', 'summary', 'decisions']);
    expect(Object.keys(parsed.months[0]!)).toEqual(['month', 'cash_usd', 'btc_held']);
  });

  it('labels aggregated periods with period, first_month and last_month', () => {
    const report = buildReport(fourMonths(), { period: 'quarter', columns: ['btc_mined', 'funding_gap_usd'] });
    const text = renderJson(report, META);
    expect(text).toContain(`  "period": "quarter",
  "months": [
    {
      "period": "2027-Q1",
      "first_month": "2027-01",
      "last_month": "2027-03",
      "btc_mined": 27.87500000,
      "funding_gap_usd": 1500.50
    },
    {
      "period": "2027-Q2",
      "first_month": "2027-04",
      "last_month": "2027-04",
      "btc_mined": 7.00000000,
      "funding_gap_usd": 0.00
    }
  ],`);
  });

  it('adds a sites or batches array with --by', () => {
    const bySite = JSON.parse(
      renderJson(buildReport(fourMonths(), { period: 'year', columns: ['cash_usd'], by: 'site' }), META),
    ) as Record<string, unknown>;
    expect(Object.keys(bySite).at(-1)).toBe('sites');
    expect(bySite.sites).toEqual([
      expect.objectContaining({ period: '2027', first_month: '2027-01', last_month: '2027-04', site: 'alpha', btc_mined: 34.875 }),
    ]);
    const byBatchText = renderJson(buildReport(fourMonths(), { period: 'month', columns: ['cash_usd'], by: 'batch' }), META);
    expect(byBatchText).toContain(`  "batches": [
    {
      "month": "2027-01",
      "batch": "b1",
      "site": "alpha",
      "units_running": 1000.000,
      "mining_mw": 80.000,`);
  });

  it('never writes exponent notation, for tiny and huge values', () => {
    const sim = {
      months: [
        monthResult('2027-01', { btc_mined: '0.00000001', cash_usd: '100000000000000000', btc_value_usd: '-0.001' }),
      ],
      summary: summary({ cash_end_usd: '1e17', btc_mined_total: '1e-8', npv_usd: '-1e17' }, '2027-01'),
    };
    const text = renderJson(buildReport(sim, { period: 'month', columns: ['btc_mined', 'cash_usd', 'btc_value_usd'] }), META);
    expect(text).toContain('"btc_mined": 0.00000001,');
    expect(text).toContain('"cash_usd": 100000000000000000.00,');
    expect(text).toContain('"btc_value_usd": 0.00\n');
    expect(text).toContain('"cash_end_usd": 100000000000000000.00,');
    expect(text).toContain('"btc_mined_total": 0.00000001,');
    expect(text).toContain('"npv_usd": -100000000000000000.00,');
    expect(text).not.toMatch(/\d[eE][-+]?\d/);
    expect(text).not.toContain('-0.00');
  });

  it('escapes plan text as JSON strings', () => {
    const meta = { ...META, plan: { ...META.plan, name: 'a "b", c\nd \\ é' } };
    const text = renderJson(buildReport(twoMonths(), { period: 'month', columns: ['cash_usd'] }), meta);
    expect((JSON.parse(text) as { plan: { name: string } }).plan.name).toBe('a "b", c\nd \\ é');
  });

  it('is deterministic', () => {
    const build = (): string =>
      renderJson(buildReport(fourMonths(), { period: 'quarter', columns: ['btc_mined', 'cash_usd'], by: 'batch' }), META);
    expect(build()).toBe(build());
  });
});
