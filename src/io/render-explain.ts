/**
 * `hashpivot explain`: one month's whole trace as readable text, in the order the engine
 * computes it (spec section 4): market, then per site reserve / dispatch / power bill,
 * hosting contracts, costs and debt, treasury steps, balances, decisions.
 *
 * Pure: a MonthResult (plus the plan's batch labels) in, a string out. Numbers are the
 * engine's exact decimals rounded once for display, ROUND_HALF_EVEN (via formatGrouped):
 * USD 2 dp, BTC 8 dp, MW / MWh / EH/s 3 dp, $/MWh and $/PH/day 2 dp, $/GPU-hour 4 dp;
 * counts (units, J/TH, percentages, per-block BTC) print up to their places with trailing
 * zeros trimmed. Every number carries its unit and thousands separators. With
 * `color: false` the text has no ANSI escape at all. Lines carry no trailing spaces; the
 * text ends with a newline.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { subsidyBtc } from '../core/chain.js';
import { Decimal, ZERO } from '../core/decimal.js';
import { formatMonth } from '../core/month.js';
import type {
  BatchMonth,
  CashLineKind,
  HostingMonth,
  MonthResult,
  SiteMonth,
  TreasuryStep,
  TreasuryStepKind,
} from '../core/results.js';
import { formatGrouped } from './format-number.js';
import { oneLine } from './one-line.js';

/** What the renderer needs to know of a batch beyond its month (the plan's `fleet[]` fits). */
export interface ExplainBatchInfo {
  readonly id: string;
  readonly model: string;
  /** units installed */
  readonly units: Decimal;
  readonly efficiencyJPerTh: Decimal;
}

export interface ExplainMeta {
  readonly planName: string;
  /** `base` or a scenario name */
  readonly scenario: string;
  /** the simulated plan's fleet (J/TH, model and installed units by batch id) */
  readonly fleet: readonly ExplainBatchInfo[];
}

export interface ExplainRenderOptions {
  /** false: no ANSI escapes at all; true: colour at chalk level 1 (16 colours) */
  readonly color: boolean;
}

/** Width of the label column (labels are padded to it; longer labels get one space). */
const LABEL_WIDTH = 30;

const CASH_LINE_LABELS: Readonly<Record<CashLineKind, string>> = {
  site_opex: 'site opex',
  g_and_a: 'G&A',
  recurring: 'recurring',
  one_off: 'one-off',
  asic_capex: 'ASIC capex',
  interest: 'interest',
  debt_issued: 'debt issued',
  debt_repaid: 'debt repaid',
};

const STEP_LABELS: Readonly<Record<TreasuryStepKind, string>> = {
  mined: 'mined',
  sell_scheduled: 'scheduled sale',
  buy_scheduled: 'scheduled buy',
  sell_production: 'production sale',
  sell_cash_floor: 'cash-floor sale',
};

const LIMIT_WORDS: Readonly<Record<NonNullable<TreasuryStep['limited_by']>, string>> = {
  monthly_cap: 'cut: the monthly sale cap (max_sell_btc_per_month) was reached',
  btc_floor: 'cut: holdings may not go below the BTC floor (btc_floor)',
  cash_floor: 'cut: only cash above the cash floor (cash_floor_usd) may buy BTC',
  no_price: 'not moved: a sale brings no proceeds at this price and discount',
};

// ---- number text ----------------------------------------------------------------

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Grouped, up to `places` decimals, trailing zeros trimmed: `49,845.987`, `15`. */
function count(x: Decimal, places = 3): string {
  return trimZeros(formatGrouped(x, places));
}

/** `$1,234.56`, `-$1,234.56` (zero never signed). */
function usd(x: Decimal, places = 2): string {
  const text = formatGrouped(x, places);
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

/** Signed cash effect: `+$1.00`, `-$1.00`, `$0.00`. */
function signedUsd(x: Decimal): string {
  const text = usd(x);
  return text.startsWith('-') || /^\$[0.,]+$/.test(text) ? text : `+${text}`;
}

function btc(x: Decimal): string {
  return `${formatGrouped(x, 8)} BTC`;
}

/** Per-block and similar BTC figures, trailing zeros trimmed: `3.125 BTC`. */
function btcTrim(x: Decimal): string {
  return `${count(x, 8)} BTC`;
}

const mw = (x: Decimal): string => `${formatGrouped(x, 3)} MW`;
const mwh = (x: Decimal): string => `${formatGrouped(x, 3)} MWh`;
const ehs = (x: Decimal): string => `${formatGrouped(x, 3)} EH/s`;
const perMwh = (x: Decimal): string => `${usd(x)}/MWh`;
const pct = (x: Decimal): string => `${count(x, 4)}%`;
/** Integers of the trace (heights, blocks, days). */
const int = (n: number): string => formatGrouped(new Decimal(n), 0);

function plural(n: number, one: string, many: string): string {
  return `${int(n)} ${n === 1 ? one : many}`;
}


// ---- layout ---------------------------------------------------------------------

class Out {
  readonly lines: string[] = [];

  constructor(readonly c: ChalkInstance) {}

  blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  heading(text: string): void {
    this.blank();
    this.lines.push(this.c.bold(text));
  }

  line(indent: number, text: string): void {
    this.lines.push(`${' '.repeat(indent)}${text}`.trimEnd());
  }

  /** A label padded to the label column, then the value. */
  kv(indent: number, label: string, value: string): void {
    const pad = Math.max(1, LABEL_WIDTH - indent - label.length);
    this.line(indent, `${label}${' '.repeat(pad)}${value}`);
  }
}

/** Red when the formatted amount is negative. */
function tint(c: ChalkInstance, text: string): string {
  return text.startsWith('-') ? c.red(text) : text;
}

// ---- sections -------------------------------------------------------------------

function renderMarket(out: Out, m: MonthResult): void {
  const t = m.market;
  out.heading('Market (step 1)');
  out.kv(2, 'BTC price', `${usd(m.btc_price_usd)} per BTC`);
  out.kv(2, 'network hashrate', ehs(m.network_hashrate_ehs));
  out.kv(2, 'days and hours', `${plural(t.days, 'day', 'days')}, ${plural(t.hours, 'hour', 'hours')}`);
  out.kv(
    2,
    'blocks',
    `${plural(t.blocks, 'block', 'blocks')} (${count(t.blocks_per_day, 8)} per day), ` +
      (t.blocks > 0 ? `heights ${int(t.height_first)} .. ${int(t.height_next - 1)}` : `next height ${int(t.height_first)}`),
  );
  // Subsidy segments: a halving inside the month splits its blocks between two subsidies.
  const bounds = [t.height_first, ...t.halving_heights, t.height_next];
  const segments: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!;
    const n = bounds[i + 1]! - from;
    if (n > 0) segments.push(`${plural(n, 'block', 'blocks')} x ${btcTrim(subsidyBtc(from))}`);
  }
  for (const h of t.halving_heights) {
    out.kv(
      2,
      'halving',
      `at block ${int(h)}: subsidy ${btcTrim(subsidyBtc(h - 1))} -> ${btcTrim(subsidyBtc(h))} per block`,
    );
  }
  if (t.halving_heights.length === 0) out.kv(2, 'halving', 'none inside the month');
  out.kv(2, 'subsidy', segments.length > 0 ? `${segments.join(' + ')} = ${btc(t.subsidy_btc)}` : btc(t.subsidy_btc));
  out.kv(2, 'fees', `${btcTrim(t.fees_btc_per_block)} per block x ${plural(t.blocks, 'block', 'blocks')} = ${btc(t.fees_btc)}`);
  out.kv(2, 'network reward', `${btc(t.reward_btc)} (subsidy + fees), ${btcTrim(m.block_reward_btc)} per block`);
  out.kv(2, 'hashprice', `${usd(m.hashprice_usd_per_ph_day)} per PH/s per day`);
  out.kv(2, 'BTC per EH/s', `${btc(t.btc_per_ehs)} per effective EH/s for the month, after pool fee`);
}

function renderBatch(out: Out, b: BatchMonth, info: ExplainBatchInfo | undefined): void {
  const c = out.c;
  const label = info === undefined ? b.batch : `${b.batch} (${oneLine(info.model)}, ${count(info.efficiencyJPerTh, 3)} J/TH)`;
  out.line(4, `#${b.merit_rank} ${label}`);
  const state = b.mining_mw.isZero() ? 'off' : b.mining_mw.eq(b.facility_mw) ? 'runs in full' : 'runs in part';
  const units = info === undefined ? `${count(b.units_running)} units running` : `${count(b.units_running)} of ${count(info.units)} units running`;
  out.kv(6, 'units', units);
  out.kv(6, 'MW', `${mw(b.mining_mw)} run of ${mw(b.facility_mw)} facility (${state})`);
  const cmp = b.revenue_usd_per_mwh.gte(b.marginal_cost_usd_per_mwh) ? '>=' : '<';
  const economics = `revenue ${perMwh(b.revenue_usd_per_mwh)} ${cmp} marginal cost ${perMwh(b.marginal_cost_usd_per_mwh)}`;
  out.kv(6, 'economics', cmp === '<' ? c.yellow(economics) : economics);
  out.kv(6, 'curtailed', `${mw(b.curtailed_capacity_mw)} for capacity, ${mw(b.curtailed_uneconomic_mw)} uneconomic`);
  out.kv(6, 'energy', mwh(b.energy_mwh));
  out.kv(6, 'mined', `${btc(b.btc_mined)} (${ehs(b.fleet_hashrate_ehs)} effective)`);
}

function renderSite(out: Out, m: MonthResult, s: SiteMonth, fleet: ReadonlyMap<string, ExplainBatchInfo>): void {
  const c = out.c;
  out.heading(`Site ${s.site} (steps 2-5)`);
  out.kv(2, 'capacity', mw(s.capacity_mw));
  out.kv(2, 'hosting reserved', mw(s.hosting_mw));
  out.kv(2, 'available for mining', mw(s.available_mw));
  out.kv(2, 'mining dispatched', mw(s.mining_mw));
  out.kv(2, 'idle', mw(s.idle_mw));
  out.kv(2, 'power price', perMwh(s.power_bill.price_usd_per_mwh));

  const batches = m.batches.filter((b) => b.site === s.site).sort((a, b) => a.merit_rank - b.merit_rank);
  out.blank();
  out.line(2, 'Batches in merit order (lowest J/TH first)');
  if (batches.length === 0) out.line(4, 'no active batch this month');
  for (const b of batches) renderBatch(out, b, fleet.get(b.batch));
  out.kv(4, 'site total', `${btc(s.btc_mined)} mined, ${ehs(s.fleet_hashrate_ehs)} effective`);

  const p = s.power_bill;
  out.blank();
  out.line(2, 'Power bill');
  const consumed = p.mining_energy_mwh.plus(p.hosting_energy_mwh);
  out.kv(4, 'energy consumed', `${mwh(p.mining_energy_mwh)} mining + ${mwh(p.hosting_energy_mwh)} hosting = ${mwh(consumed)}`);
  out.kv(4, 'take-or-pay volume', mwh(p.take_or_pay_mwh));
  out.kv(4, 'billed energy', `${mwh(p.billed_energy_mwh)} (the larger of consumed and take-or-pay)`);
  out.kv(4, 'energy charge', `${usd(p.energy_charge_usd)} (${mwh(p.billed_energy_mwh)} x ${perMwh(p.price_usd_per_mwh)})`);
  out.kv(4, 'demand charge', usd(p.demand_charge_usd));
  out.kv(4, 'resale credit', tint(c, `${usd(p.resale_credit_usd.negated())} (${mwh(p.resale_mwh)} sold back at ${perMwh(p.resale_usd_per_mwh)})`));
  out.kv(4, 'demand-response credit', tint(c, `${usd(p.demand_response_credit_usd.negated())} (${mwh(p.demand_response_mwh)} not drawn)`));
  out.kv(4, 'total', c.bold(usd(p.total_usd)));
}

function renderHosting(out: Out, contracts: readonly HostingMonth[]): void {
  out.heading('Hosting (step 6)');
  if (contracts.length === 0) {
    out.line(2, 'no hosting contract between conversion start and term end this month');
    return;
  }
  for (const h of contracts) {
    out.line(2, `${h.contract} (${h.kind === 'colocation' ? 'colocation' : 'GPU cloud'} at ${h.site}, ${h.phase})`);
    out.kv(4, 'reserved', `${mw(h.reserved_mw)} facility`);
    out.kv(4, 'billed IT', `${mw(h.billed_it_mw)} IT`);
    const shareLabel = h.kind === 'colocation' ? 'ramp share' : 'utilization';
    out.kv(4, shareLabel, h.share_pct === null ? 'none (construction)' : pct(h.share_pct));
    const rate =
      h.rate_usd === null
        ? 'none (construction)'
        : h.kind === 'colocation'
          ? `${usd(h.rate_usd)} per kW-month (after escalators)`
          : `${usd(h.rate_usd, 4)} per GPU-hour`;
    out.kv(4, 'rate', rate);
    out.kv(4, 'energy', mwh(h.energy_mwh));
    out.kv(4, 'revenue', usd(h.revenue_usd));
    out.kv(4, 'pass-through', h.kind === 'colocation' ? `${usd(h.pass_through_usd)} (tenant reimburses energy at the site price)` : usd(h.pass_through_usd));
    out.kv(4, 'opex', usd(h.opex_usd));
    out.kv(4, 'lease', h.kind === 'gpu_cloud' ? `${usd(h.lease_usd)} (GPU lease, reported in opex)` : usd(h.lease_usd));
    out.kv(4, 'capex gross', usd(h.capex_gross_usd));
    out.kv(4, 'tenant-funded', usd(h.tenant_funded_usd));
    out.kv(4, 'capex net', usd(h.capex_usd));
  }
}

function renderCashLines(out: Out, m: MonthResult): void {
  const c = out.c;
  out.heading('Costs and debt (step 7, signed: + in, - out)');
  if (m.cash_lines.length === 0) {
    out.line(2, 'none this month');
    return;
  }
  const subjectWidth = Math.max(...m.cash_lines.map((l) => l.subject.length));
  let total = ZERO;
  for (const l of m.cash_lines) {
    total = total.plus(l.amount_usd);
    out.kv(2, CASH_LINE_LABELS[l.kind], `${l.subject.padEnd(subjectWidth)}  ${tint(c, signedUsd(l.amount_usd))}`);
  }
  out.kv(2, 'total of these lines', `${''.padEnd(subjectWidth)}  ${tint(c, signedUsd(total))}`);
}

function renderStep(out: Out, index: number, s: TreasuryStep): void {
  const c = out.c;
  out.line(2, `${index}. ${STEP_LABELS[s.kind]}`);
  const note = oneLine(s.note);
  switch (s.kind) {
    case 'mined':
      out.kv(5, 'moved', `+${btc(s.btc)} at ${usd(s.price_usd)} per BTC`);
      out.kv(5, 'cost basis in', usd(s.cost_basis_usd));
      out.kv(5, 'reason', note);
      break;
    case 'buy_scheduled':
      out.kv(5, 'requested', btc(s.requested_btc));
      out.kv(5, 'bought', `${btc(s.btc)} at ${usd(s.price_usd)} per BTC plus the trade discount`);
      out.kv(5, 'cost', usd(s.usd));
      out.kv(5, 'reason', note.length > 0 ? `scheduled in the plan: ${note}` : 'scheduled in the plan');
      break;
    case 'sell_scheduled':
    case 'sell_production':
    case 'sell_cash_floor': {
      const reason =
        s.kind === 'sell_scheduled'
          ? note.length > 0
            ? `scheduled in the plan: ${note}`
            : 'scheduled in the plan'
          : s.kind === 'sell_production'
            ? 'sell_production_pct of this month\'s production'
            : 'bring cash back to the cash floor (cash_floor_usd)';
      out.kv(5, 'requested', btc(s.requested_btc));
      out.kv(5, 'sold', `${btc(s.btc)} at ${usd(s.price_usd)} per BTC less the sale discount`);
      out.kv(5, 'proceeds', usd(s.usd));
      out.kv(5, 'cost basis out', usd(s.cost_basis_usd));
      out.kv(5, 'realized gain', tint(c, usd(s.realized_gain_usd)));
      out.kv(5, 'reason', reason);
      break;
    }
  }
  if (s.limited_by !== null) out.kv(5, 'limited', c.yellow(LIMIT_WORDS[s.limited_by]));
  out.kv(5, 'after', `${btc(s.btc_held_after)} held, cash ${tint(c, usd(s.cash_after_usd))}`);
}

function renderTreasury(out: Out, m: MonthResult): void {
  out.heading('Treasury (step 8, in execution order)');
  if (m.treasury.length === 0) out.line(2, 'no BTC mined, bought or sold this month');
  m.treasury.forEach((s, i) => renderStep(out, i + 1, s));
}

function renderBalances(out: Out, m: MonthResult): void {
  const c = out.c;
  out.heading('Balances (opening -> closing)');
  out.kv(2, 'cash', `${tint(c, usd(m.opening.cash_usd))} -> ${tint(c, usd(m.closing.cash_usd))} (${tint(c, signedUsd(m.net_cash_flow_usd))})`);
  out.kv(2, 'BTC held', `${btc(m.opening.btc)} -> ${btc(m.closing.btc)}`);
  out.kv(2, 'cost basis', `${usd(m.opening.cost_basis_usd)} -> ${usd(m.closing.cost_basis_usd)}`);
  out.kv(2, 'BTC value at month price', usd(m.btc_value_usd));
  if (!m.funding_gap_usd.isZero()) out.kv(2, 'funding gap', c.red(usd(m.funding_gap_usd)));
}

function renderDecisions(out: Out, m: MonthResult): void {
  const c = out.c;
  out.heading('Decisions');
  if (m.decisions.length === 0) {
    out.line(2, 'none this month');
    return;
  }
  const codeWidth = Math.max(...m.decisions.map((d) => d.code.length));
  for (const d of m.decisions) {
    out.line(2, `${c.yellow(d.code)}${' '.repeat(codeWidth - d.code.length + 2)}${oneLine(d.subject)}: ${oneLine(d.detail)}`);
  }
}

/** Renders one month's trace (see the module comment for rounding and layout). */
export function renderExplain(month: MonthResult, meta: ExplainMeta, options: ExplainRenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out = new Out(c);
  const fleet = new Map(meta.fleet.map((b) => [b.id, b]));
  out.line(0, c.bold(`${oneLine(meta.planName)} · scenario ${oneLine(meta.scenario)} · month ${formatMonth(month.month)}`));
  renderMarket(out, month);
  for (const s of month.sites) renderSite(out, month, s, fleet);
  renderHosting(out, month.hosting_contracts);
  renderCashLines(out, month);
  renderTreasury(out, month);
  renderBalances(out, month);
  renderDecisions(out, month);
  return out.lines.join('\n') + '\n';
}
