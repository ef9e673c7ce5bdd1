import { describe, expect, it } from 'vitest';
import { formatMonth } from '../../src/core/month.js';
import { DEFAULT_TABLE_COLUMNS, buildReport } from '../../src/core/report.js';
import type { Simulation } from '../../src/core/results.js';
import { renderTable } from '../../src/io/render-table.js';
import { META, fourMonths, month, monthResult, summary, twoMonths } from '../core/report-fixture.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** Display width of the widest line (ANSI stripped; every character here is one column wide). */
function widest(text: string): number {
  return Math.max(...text.split('\n').map((l) => [...l.replace(ANSI, '')].length));
}

/**
 * A big miner over 36 months: monthly flows in the hundreds of millions of USD, cash down
 * to minus a billion and a half, 55,000 BTC held, 1,234 MW mining.
 */
function bigMiner(): Simulation {
  const start = month('2027-01');
  const months = Array.from({ length: 36 }, (_, k) =>
    monthResult(
      formatMonth((start + k) as typeof start),
      {
        btc_price_usd: String(150000 + k * 2500),
        network_hashrate_ehs: '1234.567',
        block_reward_btc: '3.17654321',
        hashprice_usd_per_ph_day: '45.678',
        capacity_mw: '2234.567',
        mining_mw: '1234.567',
        hosting_mw: '987.655',
        idle_mw: '12.345',
        fleet_hashrate_ehs: '145.678',
        btc_mined: '1234.56789012',
        btc_sold: '999.99999999',
        btc_held: '55555.55555555',
        mining_revenue_usd: '234567890.12',
        hosting_revenue_usd: '123456789.01',
        power_cost_usd: '98765432.10',
        capex_usd: '345678901.23',
        cash_usd: k % 5 === 0 ? '-1534567890.12' : '2534567890.12',
        funding_gap_usd: k % 5 === 0 ? '1534567890.12' : '0',
      },
      k % 5 === 0
        ? { decisions: [{ code: 'FUNDING_GAP', subject: 'treasury', detail: 'Cash ended at -1,534,567,890.12 USD.' }] }
        : {},
    ),
  );
  return {
    months,
    summary: summary(
      {
        btc_mined_total: '44444.44404432',
        btc_sold_total: '35999.99999964',
        btc_held_end: '55555.55555555',
        cash_end_usd: '2534567890.12',
        cash_min_usd: '-1534567890.12',
        funding_gap_max_usd: '1534567890.12',
        npv_usd: '-12345678901.23',
        value_end_usd: '15000000000.00',
      },
      '2027-01',
    ),
  };
}

describe('renderTable', () => {
  it('fits the default columns of a realistic big-miner report in 120 columns', () => {
    for (const period of ['month', 'quarter', 'year'] as const) {
      const report = buildReport(bigMiner(), { period, columns: DEFAULT_TABLE_COLUMNS });
      for (const color of [false, true]) {
        const text = renderTable(report, META, { color });
        expect(widest(text)).toBeLessThanOrEqual(120);
      }
    }
    // the monthly view shows all 36 months, in $M because amounts reach $100M
    const text = renderTable(buildReport(bigMiner(), { period: 'month', columns: DEFAULT_TABLE_COLUMNS }), META, {
      color: false,
    });
    expect(text).toContain('2029-12');
    expect(text).toMatch(/\$M/);
    // amounts reach $1B: whole $M; cash -1,534,567,890.12 -> -1,535 $M
    expect(text).toContain(' -1,535\n');
  });

  it('renders a small report exactly (no colour)', () => {
    const report = buildReport(twoMonths(), { period: 'month', columns: ['btc_price_usd', 'btc_mined', 'capex_usd', 'cash_usd'] });
    expect(renderTable(report, META, { color: false })).toBe(
      [
        'Pivot, "base" case · scenario base · monthly',
        '',
        '            BTC',
        '          price Mined Capex Cash',
        'Month         $   BTC    $k   $k',
        '────────────────────────────────',
        '2027-01  85,000 10.50     0    2',
        '2027-02! 90,000  9.25 1,500   -2',
        '! funding gap (cash below zero) or cash below the floor in that month',
        '',
        'Summary',
        '  Total BTC mined               19.75000000 BTC',
        '  Total BTC sold                 4.25000000 BTC',
        '  BTC held at end              115.00000000 BTC',
        '  Cash at end                     -1,500.50 USD',
        '  Lowest cash                     -1,500.50 USD in 2027-02',
        '  Largest funding gap              1,500.50 USD',
        '  NPV of operating cash flow      -1,500.50 USD',
        '  Value at end                10,348,499.50 USD',
        '  Debt outstanding at end              0.00 USD',
        '',
        'Decisions',
        '  2027-01',
        '    BATCH_ONLINE      b1: Batch b1 online: 1,000 units, 3.5 MW.',
        '  2027-02',
        '    FUNDING_GAP       treasury: Cash ended at -1,500.50 USD.',
        '    CASH_BELOW_FLOOR  treasury: Cash below the floor of 0.00 USD.',
        '',
      ].join('\n'),
    );
  });

  it('has no ANSI escape when colour is off, and colours when it is on', () => {
    const report = buildReport(fourMonths(), { period: 'month', columns: DEFAULT_TABLE_COLUMNS, by: 'batch' });
    const plain = renderTable(report, META, { color: false });
    expect(plain).not.toContain('\x1b');
    const coloured = renderTable(report, META, { color: true });
    expect(coloured).toMatch(ANSI);
    // negatives and flagged months are red (SGR 31); stripping colour gives the plain text back
    expect(coloured).toContain('\x1b[31m-2\x1b[39m');
    expect(coloured).toContain('\x1b[31m2027-02!\x1b[39m');
    expect(coloured.replace(ANSI, '')).toBe(plain);
  });

  it('marks flagged periods only, and omits the legend when none is flagged', () => {
    const quarters = renderTable(buildReport(fourMonths(), { period: 'quarter', columns: ['cash_usd'] }), META, {
      color: false,
    });
    expect(quarters).toContain('2027-Q1!');
    expect(quarters).not.toContain('2027-Q2!');
    expect(quarters).toContain('in that quarter');
    const calm = {
      months: [monthResult('2027-01', { cash_usd: '5' })],
      summary: summary({}, '2027-01'),
    };
    const text = renderTable(buildReport(calm, { period: 'month', columns: ['cash_usd'] }), META, { color: false });
    expect(text).not.toContain('!');
    expect(text).toContain('Decisions\n  none\n');
  });

  it('renders the breakdown table after the main one', () => {
    const text = renderTable(buildReport(fourMonths(), { period: 'quarter', columns: ['cash_usd'], by: 'batch' }), META, {
      color: false,
    });
    expect(text).toContain('By batch');
    // b2 in Q1: units (0 + 500 + 500) / 3 = 333.3, MW 40 / 3 = 13.3, BTC 4.575 -> 4.58 (2 dp half-even)
    expect(text).toContain('\n2027-Q1 b2    alpha 333.3   13.3  0.00      0  4.58   50.50    41.00\n');
  });

  it('keeps plan text on one line without control characters', () => {
    const meta = { ...META, plan: { ...META.plan, name: 'evil\x1b[31m\nname' } };
    const text = renderTable(buildReport(twoMonths(), { period: 'month', columns: ['cash_usd'] }), meta, { color: false });
    expect(text).not.toContain('\x1b');
    expect(text.split('\n')[0]).toBe('evil [31m name · scenario base · monthly');
  });

  it('never writes exponent notation', () => {
    const sim = {
      months: [monthResult('2027-01', { btc_mined: '0.00000001', cash_usd: '1e17' })],
      summary: summary({ btc_mined_total: '0.00000001', cash_end_usd: '1e17' }, '2027-01'),
    };
    const text = renderTable(buildReport(sim, { period: 'month', columns: ['btc_mined', 'cash_usd'] }), META, {
      color: false,
    });
    expect(text).not.toMatch(/\d[eE][-+]?\d/);
    // 1e17 USD in whole $M
    expect(text).toContain(' 100,000,000,000\n');
    expect(text).toContain('0.00000001 BTC');
    expect(text).toContain('100,000,000,000,000,000.00 USD');
  });
});
