/**
 * Input changes between two located YAML trees: values not text, list items by id,
 * document order. Expected changes are read off the plan texts below.
 */
import { describe, expect, it } from 'vitest';
import { diffPlanTrees, sameValue, valueText, type InputChange } from '../../src/io/plan-diff.js';
import { parseYamlTree, type LNode } from '../../src/io/yaml-tree.js';
import { MINIMAL_PLAN } from '../helpers.js';

const MIN = `${MINIMAL_PLAN}  scheduled:
    - { month: 2027-04, sell_btc: 10, note: first }
    - { month: 2027-08, sell_btc: 20, note: second }
`;

function tree(text: string): LNode {
  const parsed = parseYamlTree(text, 'plan.yaml');
  expect(parsed.diagnostics).toEqual([]);
  return parsed.root!;
}

function diff(oldText: string, newText: string): InputChange[] {
  return diffPlanTrees(tree(oldText), tree(newText));
}

describe('diffPlanTrees', () => {
  it('finds nothing between a plan and itself', () => {
    expect(diff(MIN, MIN)).toEqual([]);
  });

  it('ignores comments, quoting, flow style, key order and numeral spelling', () => {
    const reformatted = `# the same plan, written differently
name: "Minimal miner"   # quoted now
version: 1
start: 2027-01
months: 12.0
market: { btc_price_usd: "85000", network_hashrate_ehs: 1.05e3, block_height: 985000 }
sites:
  - id: alpha
    power: { price_usd_per_mwh: 35.00 }
    capacity_mw: 100
fleet:
  - { id: s21.batch-1, site: alpha, model: Antminer S21, units: 20000, hashrate_ths: 200, efficiency_j_per_th: 17.50 }
treasury:
  btc: .1
  cash_usd: 600000000.250
  cost_basis_usd_per_btc: 60000
  scheduled:
    - month: 2027-04
      sell_btc: 10
      note: first
    - { month: 2027-08, sell_btc: 20, note: second }
`;
    expect(diff(MIN, reformatted)).toEqual([]);
  });

  it('addresses list items by id, ids with dots included', () => {
    expect(diff(MIN, MIN.replace('units: 20000', 'units: 10000'))).toEqual([
      { path: 'fleet.s21.batch-1.units', kind: 'changed', old: '20000', new: '10000' },
    ]);
  });

  it('shows added and removed keys and items, in document order', () => {
    const changed = MIN.replace('months: 12\n', '')
      .replace('  block_height: 985000\n', '  block_height: 985000\n  fees_btc_per_block: 0.03\n')
      .replace('      price_usd_per_mwh: 35\n', '      price_usd_per_mwh: 35\n  - id: beta\n    capacity_mw: 50\n    power: { price_usd_per_mwh: 40 }\n')
      .replace('  btc: 0.1\n', '  btc: 0.2\n');
    expect(diff(MIN, changed)).toEqual([
      { path: 'months', kind: 'removed', old: '12', new: null },
      { path: 'market.fees_btc_per_block', kind: 'added', old: null, new: '0.03' },
      { path: 'sites.beta', kind: 'added', old: null, new: '{3 keys}' },
      { path: 'treasury.btc', kind: 'changed', old: '0.1', new: '0.2' },
    ]);
    // and the other way round
    expect(diff(changed, MIN).map((c) => [c.path, c.kind, c.old, c.new])).toEqual([
      ['months', 'added', null, '12'],
      ['market.fees_btc_per_block', 'removed', '0.03', null],
      ['sites.beta', 'removed', '{3 keys}', null],
      ['treasury.btc', 'changed', '0.2', '0.1'],
    ]);
  });

  it('places a removed key after the key that preceded it', () => {
    const old = 'a: 1\nb: 2\nc: 3\nd: 4\n';
    expect(diff(old, 'a: 1\nc: 3\nd: 5\n').map((c) => `${c.kind} ${c.path}`)).toEqual(['removed b', 'changed d']);
    expect(diff(old, 'b: 2\nc: 3\nd: 4\n').map((c) => `${c.kind} ${c.path}`)).toEqual(['removed a']);
  });

  it('a list without ids: an inserted item is one addition, by position in NEW', () => {
    const inserted = MIN.replace(
      '    - { month: 2027-08',
      '    - { month: 2027-06, buy_btc: 5, note: dip }\n    - { month: 2027-08',
    );
    expect(diff(MIN, inserted)).toEqual([{ path: 'treasury.scheduled[1]', kind: 'added', old: null, new: '{3 keys}' }]);
    const edited = MIN.replace('sell_btc: 20', 'sell_btc: 25');
    expect(diff(MIN, edited)).toEqual([{ path: 'treasury.scheduled[1].sell_btc', kind: 'changed', old: '20', new: '25' }]);
    const dropped = MIN.replace('    - { month: 2027-04, sell_btc: 10, note: first }\n', '');
    expect(diff(MIN, dropped)).toEqual([{ path: 'treasury.scheduled[0]', kind: 'removed', old: '{3 keys}', new: null }]);
  });

  it('a value that changes kind is one change, the collection summarized', () => {
    const series = MIN.replace('  btc_price_usd: 85000\n', '  btc_price_usd:\n    start: 85000\n    growth_pct_per_year: 15\n');
    expect(diff(MIN, series)).toEqual([{ path: 'market.btc_price_usd', kind: 'changed', old: '85000', new: '{2 keys}' }]);
  });

  it('a scenario path is one key of the scenario', () => {
    const a = `${MIN}scenarios:\n  bear:\n    market.btc_price_usd: 55000\n`;
    const b = `${MIN}scenarios:\n  bear:\n    market.btc_price_usd: 50000\n  no-ai:\n    hosting: []\n`;
    expect(diff(a, b)).toEqual([
      { path: 'scenarios.bear.market.btc_price_usd', kind: 'changed', old: '55000', new: '50000' },
      { path: 'scenarios.no-ai', kind: 'added', old: null, new: '{1 key}' },
    ]);
  });
});

describe('valueText and sameValue', () => {
  it('shows scalars as their literal text and collections as a count', () => {
    const root = tree('a: 1.50\nb: ""\nc: ~\nd: true\ne: {}\nf: []\ng: [1, 2]\nh: {x: 1}\ni: "quoted text"\n');
    const texts = root.kind === 'map' ? root.entries.map((e) => valueText(e.value)) : [];
    expect(texts).toEqual(['1.50', '""', 'null', 'true', '{}', '[]', '[2 items]', '{1 key}', 'quoted text']);
  });

  it('numerals compare by value; other text by text', () => {
    expect(sameValue(tree('85000'), tree('"85000"'))).toBe(true);
    expect(sameValue(tree('0.10'), tree('1e-1'))).toBe(true);
    expect(sameValue(tree('0.1'), tree('0.10000000000000001'))).toBe(false);
    expect(sameValue(tree('abc'), tree('"abc"'))).toBe(true);
    expect(sameValue(tree('true'), tree('"true"'))).toBe(false);
    expect(sameValue(tree('[1, 2]'), tree('[2, 1]'))).toBe(false);
    expect(sameValue(tree('{a: 1, b: 2}'), tree('{b: 2, a: 1}'))).toBe(true);
  });
});
