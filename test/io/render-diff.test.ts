/**
 * `diff` renderers pinned on a small hand-made diff. Deltas and percentages below are
 * hand arithmetic on the months of OLD and NEW.
 */
import { describe, expect, it } from 'vitest';
import { diffResults } from '../../src/core/diff.js';
import type { Simulation } from '../../src/core/results.js';
import type { InputChange } from '../../src/io/plan-diff.js';
import {
  hasChanges,
  renderDiffCsv,
  renderDiffJson,
  renderDiffMarkdown,
  renderDiffTable,
  type DiffMeta,
  type PlanDiff,
} from '../../src/io/render-diff.js';
import { monthResult, summary } from '../core/report-fixture.js';

/** OLD: mined 1 then 2 BTC, cash 200 both months. */
function oldSim(): Simulation {
  return {
    months: [
      monthResult('2027-01', { btc_mined: '1', cash_usd: '200' }),
      monthResult('2027-02', { btc_mined: '2', cash_usd: '200' }),
    ],
    summary: summary({ btc_mined_total: '3', cash_end_usd: '200', cash_min_usd: '200' }, '2027-01'),
  };
}

/** NEW: February mines 0.5 BTC and cash ends at 150. */
function newSim(): Simulation {
  return {
    months: [
      monthResult('2027-01', { btc_mined: '1', cash_usd: '200' }),
      monthResult('2027-02', { btc_mined: '0.5', cash_usd: '150' }),
    ],
    summary: summary({ btc_mined_total: '1.5', cash_end_usd: '150', cash_min_usd: '150' }, '2027-02'),
  };
}

const INPUTS: InputChange[] = [
  { path: 'fleet.s21.units', kind: 'changed', old: '20000', new: '10000' },
  { path: 'treasury.scheduled[0]', kind: 'removed', old: '{3 keys}', new: null },
];

function planDiff(inputs: InputChange[] = INPUTS, next: Simulation = newSim()): PlanDiff {
  return { inputs, results: diffResults(oldSim(), next, { period: 'month', metrics: ['btc_mined', 'cash_usd'] }) };
}

const META: DiffMeta = {
  old: { name: 'Test miner', file: 'old.yaml', sha256: 'aaa' },
  new: { name: 'Test miner', file: 'new.yaml', sha256: 'bbb' },
  scenario: 'base',
};

describe('renderDiffCsv', () => {
  it('is long format: inputs, summary, then period x metric with old, new, delta and percent', () => {
    const expected = [
      'section,month,name,old,new,delta,delta_pct',
      'input,,fleet.s21.units,20000,10000,,',
      'input,,treasury.scheduled[0],{3 keys},,,',
      // 3 -> 1.5: -1.5, -1.5 / 3 = -50%
      'summary,,btc_mined_total,3.00000000,1.50000000,-1.50000000,-50.00',
      // old 0: no percent
      'summary,,btc_sold_total,0.00000000,0.00000000,0.00000000,',
      'summary,,btc_held_end,0.00000000,0.00000000,0.00000000,',
      // 200 -> 150: -50, -25%
      'summary,,cash_end_usd,200.00,150.00,-50.00,-25.00',
      'summary,,cash_min_usd,200.00,150.00,-50.00,-25.00',
      'summary,,cash_min_month,2027-01,2027-02,,',
      'summary,,funding_gap_max_usd,0.00,0.00,0.00,',
      'summary,,npv_usd,0.00,0.00,0.00,',
      'summary,,value_end_usd,0.00,0.00,0.00,',
      'summary,,debt_outstanding_end_usd,0.00,0.00,0.00,',
      'metric,2027-01,btc_mined,1.00000000,1.00000000,0.00000000,0.00',
      'metric,2027-01,cash_usd,200.00,200.00,0.00,0.00',
      // 2 -> 0.5: -1.5, -1.5 / 2 = -75%
      'metric,2027-02,btc_mined,2.00000000,0.50000000,-1.50000000,-75.00',
      'metric,2027-02,cash_usd,200.00,150.00,-50.00,-25.00',
    ];
    expect(renderDiffCsv(planDiff())).toBe(expected.map((l) => `${l}\r\n`).join(''));
  });
});

describe('renderDiffJson', () => {
  it('writes hashpivot.diff/1 with stable keys and plain decimals', () => {
    const text = renderDiffJson(planDiff(), META);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['schema', 'old', 'new', 'scenario', 'period', 'changed', 'inputs', 'summary', 'metrics']);
    expect(doc.schema).toBe('hashpivot.diff/1');
    expect(doc.changed).toBe(true);
    expect(doc.inputs).toEqual([
      { path: 'fleet.s21.units', change: 'changed', old: '20000', new: '10000' },
      { path: 'treasury.scheduled[0]', change: 'removed', old: '{3 keys}', new: null },
    ]);
    expect(text).toContain(`    "btc_mined_total": {
      "old": 3.00000000,
      "new": 1.50000000,
      "delta": -1.50000000,
      "delta_pct": -50.00
    },
    "btc_sold_total": {
      "old": 0.00000000,
      "new": 0.00000000,
      "delta": 0.00000000,
      "delta_pct": null
    },`);
    expect(text).toContain(`    "cash_min_month": {
      "old": "2027-01",
      "new": "2027-02"
    },`);
    expect(text).toContain(`    "btc_mined": [
      {
        "month": "2027-01",
        "old": 1.00000000,
        "new": 1.00000000,
        "delta": 0.00000000,
        "delta_pct": 0.00
      },
      {
        "month": "2027-02",
        "old": 2.00000000,
        "new": 0.50000000,
        "delta": -1.50000000,
        "delta_pct": -75.00
      }
    ],`);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('says changed: false when nothing differs', () => {
    const same = planDiff([], oldSim());
    expect(hasChanges(same)).toBe(false);
    expect((JSON.parse(renderDiffJson(same, META)) as { changed: boolean }).changed).toBe(false);
  });
});

describe('renderDiffMarkdown', () => {
  it('lists input changes, the summary with change and percent, and the change by period', () => {
    const expected = `# Diff: Test miner

Old plan \`old.yaml\`, new plan \`new.yaml\`, scenario \`base\`, by month.

## Input changes

| Path | Old | New |
| :--- | :--- | :--- |
| \`fleet.s21.units\` | 20000 | 10000 |
| \`treasury.scheduled[0]\` | {3 keys} | (absent) |

## Summary

| Summary | Old | New | Change | Change % |
| :--- | ---: | ---: | ---: | ---: |
| Total BTC mined (BTC) | 3.00000000 | 1.50000000 | -1.50000000 | -50.00% |
| Total BTC sold (BTC) | 0.00000000 | 0.00000000 | 0.00000000 |  |
| BTC held at end (BTC) | 0.00000000 | 0.00000000 | 0.00000000 |  |
| Cash at end ($) | 200.00 | 150.00 | -50.00 | -25.00% |
| Lowest cash ($) | 200.00 | 150.00 | -50.00 | -25.00% |
| Lowest cash month | 2027-01 | 2027-02 |  |  |
| Largest funding gap ($) | 0.00 | 0.00 | 0.00 |  |
| NPV of operating cash flow ($) | 0.00 | 0.00 | 0.00 |  |
| Value at end ($) | 0.00 | 0.00 | 0.00 |  |
| Debt outstanding at end ($) | 0.00 | 0.00 | 0.00 |  |

## Change by month (new - old)

| Month | Mined (BTC) | Cash ($) |
| :--- | ---: | ---: |
| 2027-01 | 0.00000000 | 0.00 |
| 2027-02 | -1.50000000 | -50.00 |
`;
    expect(renderDiffMarkdown(planDiff(), META)).toBe(expected);
  });

  it('marks increases with + and says when nothing changed', () => {
    // NEW -> OLD: 0.5 -> 2 is +1.5, +300%
    const up: PlanDiff = { inputs: [], results: diffResults(newSim(), oldSim(), { period: 'month', metrics: ['btc_mined'] }) };
    const text = renderDiffMarkdown(up, META);
    expect(text).toContain('| 2027-02 | +1.50000000 |');
    expect(text).toContain('| Total BTC mined (BTC) | 1.50000000 | 3.00000000 | +1.50000000 | +100.00% |');
    const same = renderDiffMarkdown(planDiff([], oldSim()), META);
    expect(same).toContain('No change: the plans have the same inputs and the same results.');
    expect(same).toContain('## Input changes\n\nNone.\n');
    expect(same).toContain('## Change by month (new - old)\n\nNone.\n');
  });
});

describe('renderDiffTable', () => {
  it('shows paths, the summary and the change by period, without ANSI when colour is off', () => {
    const text = renderDiffTable(planDiff(), META, { color: false });
    expect(text).not.toMatch(/\u001b\[/);
    const lines = text.split('\n');
    expect(lines[0]).toBe('diff · scenario base · monthly');
    expect(text).toContain('Input changes (2)');
    expect(lines.find((l) => l.startsWith('fleet.s21.units'))).toMatch(/^fleet\.s21\.units\s+20000\s+10000$/);
    expect(lines.find((l) => l.startsWith('treasury.scheduled[0]'))).toMatch(/\{3 keys\}\s+\(absent\)$/);
    expect(lines.find((l) => l.startsWith('Total BTC mined'))).toMatch(/3\.00000000\s+1\.50000000\s+-1\.50000000\s+-50\.00%$/);
    // BTC 2 dp in the compact table; cash in $k: -50 -> -0.05 -> 0
    expect(lines.find((l) => l.startsWith('2027-02'))).toMatch(/^2027-02\s+-1\.50\s+0$/);
    expect(lines.every((l) => l === l.trimEnd())).toBe(true);
  });

  it('says no change for identical plans', () => {
    const text = renderDiffTable(planDiff([], oldSim()), META, { color: false });
    expect(text).toContain('No change: the plans have the same inputs and the same results.');
    expect(text).toContain('Input changes: none');
    expect(text).toContain('Change by month (new - old): none');
  });
});
