import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMonth, parseMonth } from '../../src/core/month.js';
import type { Plan } from '../../src/core/plan.js';
import type { MonthResult } from '../../src/core/results.js';
import { simulate } from '../../src/core/simulate.js';
import { loadPlanText } from '../../src/io/load-plan.js';
import { renderExplain, type ExplainMeta } from '../../src/io/render-explain.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

const REFERENCE = 'fixtures/plans/reference.yaml';

function loadReference(): Plan {
  const loaded = loadPlanText(readFileSync(REFERENCE, 'utf8'), REFERENCE);
  expect(loaded.diagnostics).toEqual([]);
  return loaded.plan!.base;
}

const plan = loadReference();
const simulation = simulate(plan);

function monthOf(text: string): MonthResult {
  const m = parseMonth(text)!;
  const found = simulation.months.find((r) => r.month === m);
  if (!found) throw new Error(`no month ${text}`);
  return found;
}

function meta(scenario = 'base'): ExplainMeta {
  return { planName: plan.name, scenario, fleet: plan.fleet };
}

/** Batches listed per site, in the order printed: [site, rank, id, J/TH]. */
function listedBatches(text: string): { site: string; rank: number; id: string; jPerTh: number }[] {
  const out: { site: string; rank: number; id: string; jPerTh: number }[] = [];
  let site = '';
  for (const line of text.split('\n')) {
    const s = /^Site (\S+) /.exec(line);
    if (s) site = s[1]!;
    const b = /^ {4}#(\d+) (\S+) \(.*, ([\d.]+) J\/TH\)$/.exec(line);
    if (b) out.push({ site, rank: Number(b[1]), id: b[2]!, jPerTh: Number(b[3]) });
  }
  return out;
}

// Heights, by hand from the plan text (start 2027-01, block_height 985,000, 144 blocks a day):
// 2027 has 365 days -> 985,000 + 52,560 = 1,037,560 at 2028-01; + 31 * 144 = 1,042,024 at 2028-02;
// + 29 * 144 (leap February) = 1,046,200 at 2028-03; + 31 * 144 = 1,050,664 at 2028-04.
// So block 1,050,000 (the 5th halving) is mined in 2028-03: 3,800 blocks before it at
// 3.125 BTC, 664 from it on at 1.5625 BTC.
describe('renderExplain on the reference plan', () => {
  const march = renderExplain(monthOf('2028-03'), meta(), { color: false });

  it('opens with a header naming plan, scenario and month', () => {
    expect(march.split('\n')[0]).toBe('Example Miner - FY2027-2029 base plan · scenario base · month 2028-03');
    const bear = renderExplain(monthOf('2028-03'), meta('bear'), { color: false });
    expect(bear.split('\n')[0]).toBe('Example Miner - FY2027-2029 base plan · scenario bear · month 2028-03');
  });

  it('shows the halving inside 2028-03 and splits the subsidy at it', () => {
    expect(march).toContain('heights 1,046,200 .. 1,050,663');
    expect(march).toMatch(/^ {2}halving +at block 1,050,000: subsidy 3\.125 BTC -> 1\.5625 BTC per block$/m);
    // 3,800 * 3.125 + 664 * 1.5625 = 11,875 + 1,037.5
    expect(march).toMatch(/^ {2}subsidy +3,800 blocks x 3\.125 BTC \+ 664 blocks x 1\.5625 BTC = 12,912\.50000000 BTC$/m);
    // fees_btc_per_block 0.03 * 4,464 blocks
    expect(march).toMatch(/^ {2}fees +0\.03 BTC per block x 4,464 blocks = 133\.92000000 BTC$/m);
    expect(march).toMatch(/^ {2}HALVING +chain: block 1,050,000 halves the subsidy/m);
  });

  it('shows no halving in 2028-04', () => {
    const april = renderExplain(monthOf('2028-04'), meta(), { color: false });
    expect(april).toMatch(/^ {2}halving +none inside the month$/m);
    // 30 days * 144 = 4,320 blocks from 1,050,664
    expect(april).toContain('4,320 blocks (144 per day), heights 1,050,664 .. 1,054,983');
    expect(april).toMatch(/^ {2}subsidy +4,320 blocks x 1\.5625 BTC = 6,750\.00000000 BTC$/m);
  });

  it('lists each site\'s batches in merit order: lowest J/TH first, ranks 1..n', () => {
    const listed = listedBatches(march);
    // rockdale lists s19xp-legacy first in the file, but 15 J/TH < 21.5 J/TH
    expect(listed.map((b) => [b.site, b.rank, b.id, b.jPerTh])).toEqual([
      ['rockdale', 1, 's21pro-2025', 15],
      ['rockdale', 2, 's19xp-legacy', 21.5],
      ['corsicana', 1, 's21xp-2027', 13.5],
    ]);
    for (const site of ['rockdale', 'corsicana']) {
      const ofSite = listed.filter((b) => b.site === site);
      for (let i = 1; i < ofSite.length; i++) expect(ofSite[i]!.jPerTh).toBeGreaterThanOrEqual(ofSite[i - 1]!.jPerTh);
    }
  });

  it('drops a retired batch (s19xp-legacy retires 2028-06)', () => {
    const june = renderExplain(monthOf('2028-06'), meta(), { color: false });
    expect(listedBatches(june).map((b) => b.id)).toEqual(['s21pro-2025', 's21xp-2027']);
  });

  it('prints every section in the order of the month step', () => {
    const headings = march.split('\n').filter((l) => /^[A-Z]/.test(l)).map((l) => l.replace(/ \(.*$/, ''));
    expect(headings.slice(1)).toEqual([
      'Market',
      'Site rockdale',
      'Site corsicana',
      'Hosting',
      'Costs and debt',
      'Treasury',
      'Balances',
      'Decisions',
    ]);
  });

  it('shows the power bill lines, hosting contracts, cash lines, treasury steps and balances', () => {
    // rockdale: 700 MW * 744 h * 70% take-or-pay = 364,560 MWh
    expect(march).toMatch(/^ {4}take-or-pay volume +364,560\.000 MWh$/m);
    // 700 MW * 1,000 kW * $1.50/kW-month
    expect(march).toMatch(/^ {4}demand charge +\$1,050,000\.00$/m);
    // 150 IT MW * 1.3 pue; ramp 60% from 2028-01 -> 90 IT MW billed
    expect(march).toContain('hyperscaler-colo (colocation at rockdale, service)');
    expect(march).toMatch(/^ {4}reserved +195\.000 MW facility$/m);
    expect(march).toMatch(/^ {4}billed IT +90\.000 MW IT$/m);
    expect(march).toMatch(/^ {4}ramp share +60%$/m);
    expect(march).toContain('gpu-cloud-pilot (GPU cloud at corsicana, service)');
    // site opex 700 MW * $6,000; G&A $14M; insurance $1.2M; converts $600M * 0.75% / 12
    expect(march).toMatch(/^ {2}site opex +rockdale +-\$4,200,000\.00$/m);
    expect(march).toMatch(/^ {2}G&A +g_and_a +-\$14,000,000\.00$/m);
    expect(march).toMatch(/^ {2}recurring +insurance +-\$1,200,000\.00$/m);
    expect(march).toMatch(/^ {2}interest +converts-2030 +-\$375,000\.00$/m);
    expect(march).toMatch(/^ {2}1\. mined$/m);
    expect(march).toMatch(/^ {2}2\. production sale$/m);
    expect(march).toMatch(/^ {2}cash +\$[\d,.]+ -> \$[\d,.]+ \([+-]?\$[\d,.]+\)$/m);
  });

  it('explains the scheduled sale of 2027-04 with its note', () => {
    const april2027 = renderExplain(monthOf('2027-04'), meta(), { color: false });
    expect(april2027).toMatch(/^ {2}\d\. scheduled sale$/m);
    expect(april2027).toMatch(/^ {5}requested +1,500\.00000000 BTC$/m);
    expect(april2027).toMatch(/^ {5}reason +scheduled in the plan: fund S21 XP delivery$/m);
  });

  it('says in words why a sale was cut', () => {
    const m = monthOf('2028-03');
    const cut: MonthResult = {
      ...m,
      treasury: m.treasury.map((s) => (s.kind === 'sell_production' ? { ...s, limited_by: 'monthly_cap' as const } : s)),
    };
    expect(renderExplain(cut, meta(), { color: false })).toMatch(/^ {5}limited +cut: the monthly sale cap \(max_sell_btc_per_month\) was reached$/m);
  });

  it('has no ANSI escape without colour, and only escapes added with colour', () => {
    expect(march).not.toMatch(ANSI);
    const colored = renderExplain(monthOf('2028-03'), meta(), { color: true });
    expect(colored).toMatch(ANSI);
    expect(colored.replace(ANSI, '')).toBe(march);
  });

  it('is deterministic, ends with one newline and has no trailing spaces', () => {
    for (const m of simulation.months) {
      const a = renderExplain(m, meta(), { color: false });
      expect(renderExplain(m, meta(), { color: false })).toBe(a);
      expect(a.endsWith('\n')).toBe(true);
      expect(a.endsWith('\n\n')).toBe(false);
      expect(a).not.toMatch(/[ \t]$/m);
      expect(a.split('\n')[0]).toContain(`month ${formatMonth(m.month)}`);
      // no exponent notation, no negative zero
      expect(a).not.toMatch(/\d[eE][+-]?\d/);
      expect(a).not.toMatch(/-\$?0\.0+\b(?![\d])/);
    }
  });
});
