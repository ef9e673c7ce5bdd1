/**
 * `compare` renderers pinned on a small hand-made comparison. The expected texts are
 * written from the months below by hand (means, period ends, output places).
 */
import { describe, expect, it } from 'vitest';
import { buildComparison, type Comparison } from '../../src/core/compare.js';
import type { MetricName, Simulation } from '../../src/core/results.js';
import {
  renderCompareCsv,
  renderCompareJson,
  renderCompareMarkdown,
  renderCompareTable,
  type CompareMeta,
} from '../../src/io/render-compare.js';
import { monthResult, summary } from '../core/report-fixture.js';

/** base: 2027-01 .. 2027-02. Q1 (2 months): mining mean (10+20)/2 = 15, cash at end -50.5. */
function base(): Simulation {
  return {
    months: [
      monthResult('2027-01', { mining_mw: '10', cash_usd: '100' }),
      monthResult('2027-02', { mining_mw: '20', cash_usd: '-50.5' }),
    ],
    summary: summary({ btc_mined_total: '1.5', cash_end_usd: '-50.5', cash_min_usd: '-50.5' }, '2027-02'),
  };
}

/** bear: 2027-01 .. 2027-04. Q1: mining 5, cash 35 (March); Q2 (April only): mining 7, cash 30. */
function bear(): Simulation {
  return {
    months: [
      monthResult('2027-01', { mining_mw: '5', cash_usd: '80' }),
      monthResult('2027-02', { mining_mw: '5', cash_usd: '40' }),
      monthResult('2027-03', { mining_mw: '5', cash_usd: '35' }),
      monthResult('2027-04', { mining_mw: '7', cash_usd: '30' }),
    ],
    summary: summary({ btc_mined_total: '0.25', cash_end_usd: '30', cash_min_usd: '30' }, '2027-04'),
  };
}

function model(metrics: readonly MetricName[], names: [string, string] = ['base', 'bear']): Comparison {
  return buildComparison(
    [
      { name: names[0], simulation: base() },
      { name: names[1], simulation: bear() },
    ],
    { period: 'quarter', metrics },
  );
}

const META: CompareMeta = { plan: { name: 'Test miner', file: 'plan.yaml', sha256: 'abc123' } };

describe('renderCompareCsv', () => {
  it('is long format: summary first, then period x run x metric; no record for a missing period', () => {
    const expected = [
      'period,first_month,last_month,scenario,metric,value',
      ',,,base,btc_mined_total,1.50000000',
      ',,,base,btc_sold_total,0.00000000',
      ',,,base,btc_held_end,0.00000000',
      ',,,base,cash_end_usd,-50.50',
      ',,,base,cash_min_usd,-50.50',
      ',,,base,cash_min_month,2027-02',
      ',,,base,funding_gap_max_usd,0.00',
      ',,,base,npv_usd,0.00',
      ',,,base,value_end_usd,0.00',
      ',,,base,debt_outstanding_end_usd,0.00',
      ',,,bear,btc_mined_total,0.25000000',
      ',,,bear,btc_sold_total,0.00000000',
      ',,,bear,btc_held_end,0.00000000',
      ',,,bear,cash_end_usd,30.00',
      ',,,bear,cash_min_usd,30.00',
      ',,,bear,cash_min_month,2027-04',
      ',,,bear,funding_gap_max_usd,0.00',
      ',,,bear,npv_usd,0.00',
      ',,,bear,value_end_usd,0.00',
      ',,,bear,debt_outstanding_end_usd,0.00',
      '2027-Q1,2027-01,2027-03,base,mining_mw,15.000',
      '2027-Q1,2027-01,2027-03,base,cash_usd,-50.50',
      '2027-Q1,2027-01,2027-03,bear,mining_mw,5.000',
      '2027-Q1,2027-01,2027-03,bear,cash_usd,35.00',
      '2027-Q2,2027-04,2027-04,bear,mining_mw,7.000',
      '2027-Q2,2027-04,2027-04,bear,cash_usd,30.00',
    ];
    expect(renderCompareCsv(model(['mining_mw', 'cash_usd']))).toBe(expected.map((l) => `${l}\r\n`).join(''));
  });

  it('monthly output has a month column; names are quoted when RFC 4180 needs it', () => {
    const m = buildComparison([{ name: 'a,"b"', simulation: base() }], { period: 'month', metrics: ['mining_mw'] });
    const lines = renderCompareCsv(m).split('\r\n');
    expect(lines[0]).toBe('month,scenario,metric,value');
    expect(lines[1]).toBe(',"a,""b""",btc_mined_total,1.50000000');
    expect(lines.slice(-3)).toEqual(['2027-01,"a,""b""",mining_mw,10.000', '2027-02,"a,""b""",mining_mw,20.000', '']);
  });
});

describe('renderCompareJson', () => {
  it('writes hashpivot.compare/1 with stable keys, plain decimals and null for a missing period', () => {
    const expected = `{
  "schema": "hashpivot.compare/1",
  "plan": {
    "name": "Test miner",
    "file": "plan.yaml",
    "sha256": "abc123"
  },
  "period": "quarter",
  "scenarios": [
    "base",
    "bear"
  ],
  "summary": {
    "btc_mined_total": {
      "base": 1.50000000,
      "bear": 0.25000000
    },
    "btc_sold_total": {
      "base": 0.00000000,
      "bear": 0.00000000
    },
    "btc_held_end": {
      "base": 0.00000000,
      "bear": 0.00000000
    },
    "cash_end_usd": {
      "base": -50.50,
      "bear": 30.00
    },
    "cash_min_usd": {
      "base": -50.50,
      "bear": 30.00
    },
    "cash_min_month": {
      "base": "2027-02",
      "bear": "2027-04"
    },
    "funding_gap_max_usd": {
      "base": 0.00,
      "bear": 0.00
    },
    "npv_usd": {
      "base": 0.00,
      "bear": 0.00
    },
    "value_end_usd": {
      "base": 0.00,
      "bear": 0.00
    },
    "debt_outstanding_end_usd": {
      "base": 0.00,
      "bear": 0.00
    }
  },
  "metrics": {
    "mining_mw": [
      {
        "period": "2027-Q1",
        "first_month": "2027-01",
        "last_month": "2027-03",
        "values": {
          "base": 15.000,
          "bear": 5.000
        }
      },
      {
        "period": "2027-Q2",
        "first_month": "2027-04",
        "last_month": "2027-04",
        "values": {
          "base": null,
          "bear": 7.000
        }
      }
    ]
  }
}
`;
    const text = renderCompareJson(model(['mining_mw']), META);
    expect(text).toBe(expected);
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  });
});

describe('renderCompareMarkdown', () => {
  it('puts the summary first, then one table per metric (rows = periods, columns = runs)', () => {
    const expected = `# Test miner: scenario comparison

Plan file \`plan.yaml\`, runs \`base\`, \`bear\`, by quarter.

## Summary

| Summary | base | bear |
| :--- | ---: | ---: |
| Total BTC mined (BTC) | 1.50000000 | 0.25000000 |
| Total BTC sold (BTC) | 0.00000000 | 0.00000000 |
| BTC held at end (BTC) | 0.00000000 | 0.00000000 |
| Cash at end ($) | -50.50 | 30.00 |
| Lowest cash ($) | -50.50 | 30.00 |
| Lowest cash month | 2027-02 | 2027-04 |
| Largest funding gap ($) | 0.00 | 0.00 |
| NPV of operating cash flow ($) | 0.00 | 0.00 |
| Value at end ($) | 0.00 | 0.00 |
| Debt outstanding at end ($) | 0.00 | 0.00 |

## Mining (MW)

| Quarter | base | bear |
| :--- | ---: | ---: |
| 2027-Q1 | 15.000 | 5.000 |
| 2027-Q2 | n/a | 7.000 |
`;
    expect(renderCompareMarkdown(model(['mining_mw']), META)).toBe(expected);
  });

  it('escapes run names that would break the table', () => {
    const text = renderCompareMarkdown(model(['mining_mw'], ['base', 'a|*b*']), META);
    expect(text).toContain('| Quarter | base | a\\|\\*b\\* |');
  });
});

describe('renderCompareTable', () => {
  it('shows a summary block and one compact block per metric, without ANSI when colour is off', () => {
    const text = renderCompareTable(model(['mining_mw', 'cash_usd']), META, { color: false });
    expect(text).not.toMatch(/\u001b\[/);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Test miner · compare base, bear · quarterly');
    expect(text).toContain('Mining (MW)');
    // MW 1 dp in the table; a period bear alone covers shows n/a for base
    expect(lines.find((l) => l.startsWith('2027-Q2'))).toMatch(/^2027-Q2\s+n\/a\s+7\.0$/);
    // cash under $100M: $k, whole thousands (-50.50 -> -0 -> 0; 35.00 -> 0)
    expect(text).toContain('Cash ($k)');
    // the summary keeps every digit
    expect(lines.find((l) => l.startsWith('Total BTC mined'))).toMatch(/1\.50000000\s+0\.25000000$/);
    expect(lines.find((l) => l.startsWith('Lowest cash month'))).toMatch(/2027-02\s+2027-04$/);
    expect(lines.every((l) => l === l.trimEnd())).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('colours negative numbers red when asked', () => {
    const text = renderCompareTable(model(['cash_usd']), META, { color: true });
    expect(text).toContain('\u001b[31m-50.50\u001b[39m');
  });
});
