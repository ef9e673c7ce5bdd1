import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import { renderMarkdown } from '../../src/io/render-md.js';
import { META, fourMonths, monthResult, summary, twoMonths } from '../core/report-fixture.js';

describe('renderMarkdown', () => {
  it('renders a tiny case byte for byte', () => {
    const report = buildReport(twoMonths(), { period: 'month', columns: ['btc_price_usd', 'btc_mined', 'cash_usd'] });
    expect(renderMarkdown(report, META)).toBe(`# Pivot, "base" case

Scenario \`base\`, plan file \`plans/pivot.yaml\`, by month.

| Month | BTC price ($) | Mined (BTC) | Cash ($) |
| :--- | ---: | ---: | ---: |
| 2027-01 | 85,000.00 | 10.50000000 | 2,000.00 |
| 2027-02 | 90,000.00 | 9.25000000 | -1,500.50 |

## Summary

| Summary | Value |
| :--- | ---: |
| Total BTC mined (BTC) | 19.75000000 |
| Total BTC sold (BTC) | 4.25000000 |
| BTC held at end (BTC) | 115.00000000 |
| Cash at end ($) | -1,500.50 |
| Lowest cash ($) | -1,500.50 |
| Lowest cash month | 2027-02 |
| Largest funding gap ($) | 1,500.50 |
| NPV of operating cash flow ($) | -1,500.50 |
| Value at end ($) | 10,348,499.50 |
| Debt outstanding at end ($) | 0.00 |

## Decisions

- **2027-01**
  - \`BATCH_ONLINE\` b1: Batch b1 online: 1,000 units, 3.5 MW.
- **2027-02**
  - \`FUNDING_GAP\` treasury: Cash ended at -1,500.50 USD.
  - \`CASH_BELOW_FLOOR\` treasury: Cash below the floor of 0.00 USD.
`);
  });

  it('aggregates by quarter and adds the breakdown table', () => {
    const report = buildReport(fourMonths(), { period: 'quarter', columns: ['mining_mw', 'btc_mined'], by: 'site' });
    const text = renderMarkdown(report, META);
    expect(text).toContain(`| Quarter | Mining (MW) | Mined (BTC) |
| :--- | ---: | ---: |
| 2027-Q1 | 76.667 | 27.87500000 |
| 2027-Q2 | 70.000 | 7.00000000 |
`);
    expect(text).toContain('## By site\n\n| Quarter | Site | Capacity (MW) | Mining (MW) |');
    expect(text).toContain('| 2027-Q1 | alpha | 100.000 | 76.667 |');
  });

  it('escapes Markdown in plan text and says when there are no decisions', () => {
    const sim = { months: [monthResult('2027-01', { cash_usd: '1e17' })], summary: summary({}, '2027-01') };
    const meta = { ...META, plan: { ...META.plan, name: 'a|b *c* <d>' } };
    const text = renderMarkdown(buildReport(sim, { period: 'month', columns: ['cash_usd'] }), meta);
    expect(text.startsWith('# a\\|b \\*c\\* \\<d\\>\n')).toBe(true);
    expect(text).toContain('| 2027-01 | 100,000,000,000,000,000.00 |');
    expect(text.endsWith('## Decisions\n\nNone.\n')).toBe(true);
  });

  it('escapes pipes inside table cells', () => {
    const sim = fourMonths();
    const report = buildReport(sim, { period: 'month', columns: ['cash_usd'], by: 'site' });
    const renamed = {
      ...report,
      breakdown: { ...report.breakdown!, rows: report.breakdown!.rows.map((r) => ({ ...r, site: 'x|y' })) },
    };
    expect(renderMarkdown(renamed, META)).toContain('| 2027-01 | x\\|y |');
  });
});
