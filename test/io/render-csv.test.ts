import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import { csvField, renderCsv } from '../../src/io/render-csv.js';
import { fourMonths, monthResult, summary, twoMonths } from '../core/report-fixture.js';

/** Minimal RFC 4180 reader for round-trip checks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  return records;
}

describe('renderCsv', () => {
  it('renders a tiny case byte for byte: CRLF, metric names, plain numbers, decisions last', () => {
    const report = buildReport(twoMonths(), { period: 'month', columns: ['btc_price_usd', 'btc_mined', 'cash_usd'] });
    expect(renderCsv(report)).toBe(
      'month,btc_price_usd,btc_mined,cash_usd,decisions\r\n' +
        '2027-01,85000.00,10.50000000,2000.00,"2027-01 BATCH_ONLINE b1: Batch b1 online: 1,000 units, 3.5 MW."\r\n' +
        '2027-02,90000.00,9.25000000,-1500.50,"2027-02 FUNDING_GAP treasury: Cash ended at -1,500.50 USD. | ' +
        '2027-02 CASH_BELOW_FLOOR treasury: Cash below the floor of 0.00 USD."\r\n',
    );
  });

  it('quotes a field with a comma and a quote, doubling the quote', () => {
    const report = buildReport(fourMonths(), { period: 'month', columns: ['btc_sold'] });
    const lines = renderCsv(report).split('\r\n');
    expect(lines[3]).toBe('2027-03,3.12500000,"2027-03 SELL_PRODUCTION treasury: Sold 3.125 BTC at ""spot"", 95,000 USD/BTC."');
    expect(lines[4]).toBe('2027-04,0.00000000,');
    expect(lines[5]).toBe('');
    expect(parseCsv(renderCsv(report))[3]).toEqual([
      '2027-03',
      '3.12500000',
      '2027-03 SELL_PRODUCTION treasury: Sold 3.125 BTC at "spot", 95,000 USD/BTC.',
    ]);
  });

  it('quotes only when RFC 4180 requires it', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('Pivot, "base" case')).toBe('"Pivot, ""base"" case"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
  });

  it('every record has as many fields as the header', () => {
    const report = buildReport(fourMonths(), { period: 'month', columns: ['btc_mined', 'cash_usd', 'hashcost_usd_per_ph_day'] });
    const records = parseCsv(renderCsv(report));
    expect(records).toHaveLength(5);
    for (const r of records) expect(r).toHaveLength(5);
  });

  it('labels quarters and years with period, first_month and last_month', () => {
    const report = buildReport(fourMonths(), { period: 'year', columns: ['btc_mined', 'capex_usd', 'cash_usd'] });
    const lines = renderCsv(report).split('\r\n');
    expect(lines[0]).toBe('period,first_month,last_month,btc_mined,capex_usd,cash_usd,decisions');
    // 2027: BTC 10.5 + 9.25 + 8.125 + 7 = 34.875; capex 1500000 + 250000.125 = 1750000.125 -> .12; cash: April's
    expect(lines[1]!.startsWith('2027,2027-01,2027-04,34.87500000,1750000.12,4750.00,"2027-01 BATCH_ONLINE')).toBe(true);
  });

  it('renders a breakdown in long format with a site or batch column', () => {
    const bySite = renderCsv(buildReport(fourMonths(), { period: 'quarter', columns: ['cash_usd'], by: 'site' }));
    expect(bySite.split('\r\n').slice(0, 3)).toEqual([
      'period,first_month,last_month,site,capacity_mw,mining_mw,hosting_mw,available_mw,idle_mw,fleet_hashrate_ehs,' +
        'btc_mined,mining_energy_mwh,hosting_energy_mwh,power_cost_usd,power_credits_usd,hosting_revenue_usd,opex_usd,' +
        'mining_energy_cost_usd',
      // Q1: MW mean (80 + 80 + 70) / 3 = 76.667, idle (20 + 20 + 30) / 3 = 23.333; BTC and power summed
      '2027-Q1,2027-01,2027-03,alpha,100.000,76.667,0.000,0.000,23.333,0.000,27.87500000,0.000,0.000,1190000.00,0.00,0.00,0.00,0.00',
      '2027-Q2,2027-04,2027-04,alpha,100.000,70.000,10.000,0.000,20.000,0.000,7.00000000,0.000,0.000,390000.00,0.00,0.00,0.00,0.00',
    ]);
    const byBatch = renderCsv(buildReport(fourMonths(), { period: 'month', columns: ['cash_usd'], by: 'batch' }));
    expect(byBatch.split('\r\n').slice(0, 3)).toEqual([
      'month,batch,site,units_running,mining_mw,fleet_hashrate_ehs,energy_mwh,btc_mined,revenue_usd_per_mwh,marginal_cost_usd_per_mwh',
      '2027-01,b1,alpha,1000.000,80.000,0.000,0.000,10.50000000,60.00,40.00',
      '2027-02,b1,alpha,1000.000,60.000,0.000,0.000,7.00000000,62.00,40.00',
    ]);
  });

  it('never writes exponent notation or thousands separators in numbers', () => {
    const sim = {
      months: [monthResult('2027-01', { btc_mined: '0.00000001', cash_usd: '1e17', opex_usd: '-0.004' })],
      summary: summary({}, '2027-01'),
    };
    const text = renderCsv(buildReport(sim, { period: 'month', columns: ['btc_mined', 'cash_usd', 'opex_usd'] }));
    expect(text).toBe('month,btc_mined,cash_usd,opex_usd,decisions\r\n2027-01,0.00000001,100000000000000000.00,0.00,\r\n');
  });
});
