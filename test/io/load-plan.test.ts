/**
 * The loader: exact numbers, defaults, months, series, scenarios and --set overrides.
 * Expected values are read off the plan texts below (the plan is the source).
 */
import { describe, expect, it } from 'vitest';
import { formatMonth } from '../../src/core/month.js';
import { seriesAt } from '../../src/core/series.js';
import { parseMonth } from '../../src/core/month.js';
import { loadPlanText } from '../../src/io/load-plan.js';
import { parseSetArgument } from '../../src/io/overrides.js';
import { fastYamlTree } from '../../src/io/yaml-fast.js';
import { parseYamlTree } from '../../src/io/yaml-tree.js';
import { MINIMAL_PLAN, readText } from '../helpers.js';

const MIN = MINIMAL_PLAN;

function load(text: string, sets: string[] = []) {
  const overrides = sets.map((s) => parseSetArgument(s).override!);
  return loadPlanText(text, 'plan.yaml', { sets: overrides });
}

describe('loadPlanText', () => {
  it('reads numbers exactly, never through a float', () => {
    const { plan, diagnostics } = load(MIN);
    expect(diagnostics).toEqual([]);
    // 0.1 and 600000000.25 are not exactly representable / would print differently as floats
    expect(plan!.base.treasury.btc.toString()).toBe('0.1');
    expect(plan!.base.treasury.btc.plus('0.2').toString()).toBe('0.3');
    expect(plan!.base.treasury.cashUsd.toFixed(2)).toBe('600000000.25');
  });

  it('applies defaults: pool fee 0, economic dispatch, uptime 100, 144 blocks a day, fees 0', () => {
    const p = load(MIN).plan!.base;
    expect(p.mining.poolFeePct.toString()).toBe('0');
    expect(p.mining.dispatch).toBe('economic');
    expect(p.fleet[0]!.uptimePct.toString()).toBe('100');
    expect(p.fleet[0]!.online).toBe(p.start);
    expect(p.fleet[0]!.retire).toBeNull();
    expect(seriesAt(p.market.blocksPerDay, p.start).toString()).toBe('144');
    expect(seriesAt(p.market.feesBtcPerBlock, p.start).toString()).toBe('0');
  });

  it('resolves months to integers and the horizon from months or end', () => {
    const p = load(MIN).plan!.base;
    expect(p.start).toBe(2027 * 12 + 0);
    expect(p.months).toBe(12);
    expect(formatMonth(p.end)).toBe('2027-12');
    const q = load(MIN.replace('months: 12', 'end: 2029-06')).plan!.base;
    // 2027-01..2029-06 inclusive = 12 + 12 + 6 = 30 months
    expect(q.months).toBe(30);
  });

  it('links batches to their site index', () => {
    const p = load(MIN).plan!.base;
    expect(p.fleet[0]!.siteIndex).toBe(0);
  });

  it('evaluates a growth series with overrides from the plan start', () => {
    const text = MIN.replace(
      '  btc_price_usd: 85000',
      '  btc_price_usd:\n    start: 100000\n    growth_pct_per_month: 10\n    overrides:\n      2027-03: 5',
    );
    const s = load(text).plan!.base.market.btcPriceUsd;
    // k = 1: 100000 * 1.1 = 110000; 2027-03 is overridden to 5; k = 3: 100000 * 1.1^3 = 133100
    expect(seriesAt(s, parseMonth('2027-02')!).toString()).toBe('110000');
    expect(seriesAt(s, parseMonth('2027-03')!).toString()).toBe('5');
    expect(seriesAt(s, parseMonth('2027-04')!).toString()).toBe('133100');
  });

  it('interpolates points linearly in month index', () => {
    const text = MIN.replace('  btc_price_usd: 85000', '  btc_price_usd:\n    points: { 2027-01: 90000, 2027-04: 120000 }');
    const s = load(text).plan!.base.market.btcPriceUsd;
    // 90000 + (120000 - 90000) * 2/3 = 110000 in 2027-03; flat after the last point
    expect(seriesAt(s, parseMonth('2027-03')!).toString()).toBe('110000');
    expect(seriesAt(s, parseMonth('2027-09')!).toString()).toBe('120000');
    expect(seriesAt(s, parseMonth('2026-01')!).toString()).toBe('90000');
  });

  it('applies scenarios, addressing list items by id (ids may contain dots)', () => {
    const text = `${MIN}scenarios:\n  small:\n    fleet.s21.batch-1.units: 5000\n    market.btc_price_usd: 55000\n`;
    const { plan, diagnostics } = load(text);
    expect(diagnostics).toEqual([]);
    const small = plan!.scenarios.get('small')!;
    expect(small.fleet[0]!.units.toString()).toBe('5000');
    expect(seriesAt(small.market.btcPriceUsd, small.start).toString()).toBe('55000');
    expect(plan!.base.fleet[0]!.units.toString()).toBe('20000');
  });

  it('replaces a whole section in a scenario', () => {
    const text = `${MIN}scenarios:\n  no-fleet:\n    fleet: []\n`;
    expect(load(text).plan!.scenarios.get('no-fleet')!.fleet).toEqual([]);
  });

  it('applies --set overrides with the same paths, values as YAML', () => {
    const { plan, diagnostics } = load(MIN, ['fleet.s21.batch-1.units=40000', 'market.btc_price_usd={start: 1, growth_pct_per_year: 0}']);
    expect(diagnostics).toEqual([]);
    expect(plan!.base.fleet[0]!.units.toString()).toBe('40000');
    const price = plan!.base.market.btcPriceUsd;
    expect(price.kind).toBe('growth');
    expect(seriesAt(price, parseMonth('2027-06')!).toString()).toBe('1');
  });

  it('reports a --set path that names nothing, in the --set argument', () => {
    const { plan, diagnostics } = load(MIN, ['fleet.s99.units=1']);
    expect(plan).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['scenario-path', '--set']]);
  });

  it('reports every problem at once, sorted by position', () => {
    const text = MIN.replace('units: 20000', 'units: -1').replace('site: alpha', 'site: alpah').replace('months: 12', 'months: 0');
    const codes = load(text).diagnostics.map((d) => d.code);
    expect(codes).toEqual(['out-of-range', 'unknown-site', 'negative']);
  });

  it('accepts every fixture plan without warnings', () => {
    for (const name of ['reference', 'fixed-ppa-colo', 'colo-majority', 'gpu-cloud-loan']) {
      const path = `fixtures/plans/${name}.yaml`;
      const { plan, diagnostics } = loadPlanText(readText(path), path);
      expect(diagnostics, name).toEqual([]);
      expect(plan, name).toBeDefined();
    }
  });

  it('loads a clean plan the quick way, and gives commands the located tree (the ranges diagnostics use)', () => {
    const text = readText('fixtures/plans/reference.yaml');
    expect(fastYamlTree(text)).toBeDefined();
    const { plan } = loadPlanText(text, 'reference.yaml');
    expect(plan!.root).toEqual(parseYamlTree(text, 'reference.yaml').root);
    // `checks` starts on its own line: the located tree says where, to the character
    const checks = plan!.root.kind === 'map' ? plan!.root.entries.find((e) => e.key === 'checks') : undefined;
    expect(checks!.keyRange.start).toBe(text.indexOf('\nchecks:') + 1);
    expect(plan!.scenarioNames).toEqual(['bear', 'bull', 'no-ai']);
  });

  it('gives the located tree with the --set overrides applied, their ranges in the --set argument', () => {
    const { plan, diagnostics } = load(MIN, ['fleet.s21.batch-1.units=40000']);
    expect(diagnostics).toEqual([]);
    const fleet = plan!.root.kind === 'map' ? plan!.root.entries.find((e) => e.key === 'fleet')!.value : undefined;
    const units = fleet?.kind === 'seq' && fleet.items[0]!.kind === 'map' ? fleet.items[0]!.entries.find((e) => e.key === 'units')!.value : undefined;
    // `fleet.s21.batch-1.units=` is 24 characters (5 + 1 + 3 + 1 + 7 + 1 + 5 + 1): `40000` is at offsets 24..29 of the argument
    expect(units).toEqual({ kind: 'scalar', value: '40000', numeric: true, range: { start: 24, end: 29, file: '--set' } });
  });

  it('reports on a plan the quick reader takes exactly as on one it leaves to the located reader', () => {
    // the same mistake, once in plain YAML and once beside an anchor the quick reader leaves alone
    const wrong = MIN.replace('units: 20000', 'units: -1');
    const anchored = wrong.replace('name: ', 'name: &n ');
    expect(fastYamlTree(wrong)).toBeDefined();
    expect(fastYamlTree(anchored)).toBeUndefined();
    const plain = load(wrong).diagnostics;
    expect(plain.map((d) => d.code)).toEqual(['negative']);
    expect(load(anchored).diagnostics.map((d) => [d.code, d.message])).toEqual(plain.map((d) => [d.code, d.message]));
    expect(plain[0]!.range!.start).toBe(wrong.indexOf('units: -1') + 'units: '.length);
  });

  it('loads the reference scenarios', () => {
    const { plan } = loadPlanText(readText('fixtures/plans/reference.yaml'), 'reference.yaml');
    expect([...plan!.scenarios.keys()]).toEqual(['bear', 'bull', 'no-ai']);
    expect(plan!.scenarios.get('no-ai')!.hosting).toEqual([]);
    const bear = plan!.scenarios.get('bear')!.market.btcPriceUsd;
    expect(bear.kind === 'growth' && bear.start.toString()).toBe('55000');
  });
});
