/**
 * The engine's result model (spec section 5). Monthly metric names are the JSON keys,
 * the `checks` metric names and the `--columns` names, so they are one list here.
 * Values are exact decimals as posted (USD in cents, BTC in satoshis where they are
 * postings); renderers round for output (USD 2 dp, BTC 8 dp, MW and EH/s 3 dp, $/PH/day 2 dp).
 */
import type { Decimal } from './decimal.js';
import type { Month } from './month.js';

/** Numeric monthly metrics, in output order, with their unit kind for output rounding. */
export const MONTHLY_METRICS = {
  btc_price_usd: 'usd',
  network_hashrate_ehs: 'ehs',
  block_reward_btc: 'btc',
  hashprice_usd_per_ph_day: 'usd_per_ph_day',
  capacity_mw: 'mw',
  mining_mw: 'mw',
  hosting_mw: 'mw',
  idle_mw: 'mw',
  fleet_hashrate_ehs: 'ehs',
  btc_mined: 'btc',
  btc_sold: 'btc',
  btc_bought: 'btc',
  btc_held: 'btc',
  mining_revenue_usd: 'usd',
  hosting_revenue_usd: 'usd',
  power_cost_usd: 'usd',
  power_credits_usd: 'usd',
  opex_usd: 'usd',
  capex_usd: 'usd',
  interest_usd: 'usd',
  debt_flows_usd: 'usd',
  other_flows_usd: 'usd',
  sale_proceeds_usd: 'usd',
  purchase_cost_usd: 'usd',
  realized_gain_usd: 'usd',
  net_cash_flow_usd: 'usd',
  cash_usd: 'usd',
  btc_value_usd: 'usd',
  funding_gap_usd: 'usd',
  hashcost_usd_per_ph_day: 'usd_per_ph_day',
  power_cost_per_btc_usd: 'usd',
} as const;

export type MetricName = keyof typeof MONTHLY_METRICS;
export type MetricUnit = (typeof MONTHLY_METRICS)[MetricName];
export const METRIC_NAMES: readonly MetricName[] = Object.keys(MONTHLY_METRICS) as MetricName[];

export function isMetricName(name: string): name is MetricName {
  return Object.prototype.hasOwnProperty.call(MONTHLY_METRICS, name);
}

/** Decimal places a metric unit is printed with. */
export const OUTPUT_DECIMALS: Readonly<Record<MetricUnit, number>> = {
  usd: 2,
  btc: 8,
  mw: 3,
  ehs: 3,
  usd_per_ph_day: 2,
};

export type DecisionCode =
  | 'HALVING'
  | 'CURTAIL_UNECONOMIC'
  | 'CURTAIL_CAPACITY'
  | 'BATCH_ONLINE'
  | 'BATCH_RETIRED'
  | 'HOSTING_CONVERSION_START'
  | 'HOSTING_SERVICE_START'
  | 'HOSTING_TERM_END'
  | 'SELL_SCHEDULED'
  | 'SELL_PRODUCTION'
  | 'SELL_CASH_FLOOR'
  | 'BUY_SCHEDULED'
  | 'SELL_LIMITED_MONTHLY_CAP'
  | 'SELL_LIMITED_BTC_FLOOR'
  | 'CASH_BELOW_FLOOR'
  | 'FUNDING_GAP'
  | 'DEBT_MATURITY'
  | 'DEBT_ISSUED';

export interface Decision {
  readonly code: DecisionCode;
  /** what the decision is about: a batch, site, contract, debt id, or "treasury" */
  readonly subject: string;
  /** one sentence a finance person can read, with units */
  readonly detail: string;
}

export type MonthMetrics = { readonly [K in MetricName]: Decimal };

export interface MonthResult extends MonthMetrics {
  readonly month: Month;
  readonly decisions: readonly Decision[];
  readonly sites: readonly SiteMonth[];
  /** active batches (online <= month < retire), by site (plan order) then merit order */
  readonly batches: readonly BatchMonth[];
  /** explain trace: the month's market inputs (step 1) */
  readonly market: MarketTrace;
  /** explain trace: hosting contracts inside their conversion-to-term window (step 6) */
  readonly hosting_contracts: readonly HostingMonth[];
  /** explain trace: site opex, G&A, recurring, one-offs, ASIC capex, interest, principal (step 7) */
  readonly cash_lines: readonly CashLine[];
  /** explain trace: treasury steps in execution order (step 8) */
  readonly treasury: readonly TreasuryStep[];
  /** balances at the start of the month */
  readonly opening: Balances;
  /** balances at the end of the month (cash_usd and btc_held repeat the metrics) */
  readonly closing: Balances;
}

/** Treasury balances. Cost basis is the total USD cost of the BTC held (average cost). */
export interface Balances {
  readonly cash_usd: Decimal;
  readonly btc: Decimal;
  readonly cost_basis_usd: Decimal;
}

/** Step 1 of the month: chain and market inputs. Heights are integers. */
export interface MarketTrace {
  readonly days: number;
  readonly hours: number;
  readonly blocks_per_day: Decimal;
  /** blocks mined in the month, B_k (integer; see docs/engine.md for fractional blocks_per_day) */
  readonly blocks: number;
  /** height of the month's first block, h_k */
  readonly height_first: number;
  /** h_k + B_k: first height of the next month */
  readonly height_next: number;
  /** halving heights (multiples of 210,000) mined inside the month */
  readonly halving_heights: readonly number[];
  readonly subsidy_btc: Decimal;
  readonly fees_btc_per_block: Decimal;
  readonly fees_btc: Decimal;
  /** R_k = subsidy + fees * B_k (whole network, BTC) */
  readonly reward_btc: Decimal;
  /** BTC credited per effective EH/s for the month, after pool fee: R_k / network EH/s * (1 - fee) */
  readonly btc_per_ehs: Decimal;
}

/** Step 5: one site's power bill lines. USD postings are rounded to cents; energy is exact MWh. */
export interface PowerBill {
  readonly price_usd_per_mwh: Decimal;
  readonly mining_energy_mwh: Decimal;
  readonly hosting_energy_mwh: Decimal;
  /** take-or-pay volume: capacity MW * hours * take_or_pay_pct */
  readonly take_or_pay_mwh: Decimal;
  /** max(consumed, take-or-pay volume) */
  readonly billed_energy_mwh: Decimal;
  readonly energy_charge_usd: Decimal;
  readonly demand_charge_usd: Decimal;
  readonly resale_mwh: Decimal;
  readonly resale_usd_per_mwh: Decimal;
  readonly resale_credit_usd: Decimal;
  /** MWh not drawn because of demand response */
  readonly demand_response_mwh: Decimal;
  readonly demand_response_credit_usd: Decimal;
  /** energy + demand - resale credit - demand-response credit */
  readonly total_usd: Decimal;
}

/** Step 6: one hosting contract's month. Outflows are positive numbers. */
export interface HostingMonth {
  readonly contract: string;
  readonly site: string;
  readonly kind: 'colocation' | 'gpu_cloud';
  readonly phase: 'construction' | 'service';
  /** reserved facility MW (IT MW * pue) */
  readonly reserved_mw: Decimal;
  /** colocation: it_mw * ramp share; gpu_cloud: the contract's IT MW */
  readonly billed_it_mw: Decimal;
  /** colocation: ramp share in effect; gpu_cloud: utilization; null in construction */
  readonly share_pct: Decimal | null;
  /** colocation: rent per kW-month after escalators; gpu_cloud: rate per GPU-hour; null in construction */
  readonly rate_usd: Decimal | null;
  readonly energy_mwh: Decimal;
  /** rent or GPU revenue */
  readonly revenue_usd: Decimal;
  /** tenant reimbursement of energy at the site price (colocation pass_through) */
  readonly pass_through_usd: Decimal;
  /** contract opex (per IT MW and per GPU), excluding the lease */
  readonly opex_usd: Decimal;
  /** GPU lease (reported in opex_usd of the month) */
  readonly lease_usd: Decimal;
  readonly capex_gross_usd: Decimal;
  readonly tenant_funded_usd: Decimal;
  /** capex_gross - tenant_funded */
  readonly capex_usd: Decimal;
}

export type CashLineKind =
  | 'site_opex'
  | 'g_and_a'
  | 'recurring'
  | 'one_off'
  | 'asic_capex'
  | 'interest'
  | 'debt_issued'
  | 'debt_repaid';

/** Step 7: one cash posting; amount is the signed cash effect (+ in, - out), in cents. */
export interface CashLine {
  readonly kind: CashLineKind;
  readonly subject: string;
  readonly amount_usd: Decimal;
}

export type TreasuryStepKind =
  | 'mined'
  | 'sell_scheduled'
  | 'buy_scheduled'
  | 'sell_production'
  | 'sell_cash_floor';

/** Step 8: one treasury movement. BTC in satoshis, USD in cents. */
export interface TreasuryStep {
  readonly kind: TreasuryStepKind;
  /** BTC asked for before limits */
  readonly requested_btc: Decimal;
  /** BTC moved */
  readonly btc: Decimal;
  readonly price_usd: Decimal;
  /** proceeds (sell), cost (buy) or value at price (mined); positive */
  readonly usd: Decimal;
  /** cost basis added (mined, buy) or removed (sell); positive */
  readonly cost_basis_usd: Decimal;
  readonly realized_gain_usd: Decimal;
  /** why less than requested moved; null when not cut */
  readonly limited_by: 'monthly_cap' | 'btc_floor' | 'cash_floor' | 'no_price' | null;
  readonly note: string;
  readonly btc_held_after: Decimal;
  readonly cash_after_usd: Decimal;
}

export interface SiteMonth {
  readonly site: string;
  readonly capacity_mw: Decimal;
  readonly mining_mw: Decimal;
  readonly hosting_mw: Decimal;
  readonly idle_mw: Decimal;
  readonly fleet_hashrate_ehs: Decimal;
  readonly btc_mined: Decimal;
  readonly mining_energy_mwh: Decimal;
  readonly hosting_energy_mwh: Decimal;
  readonly power_cost_usd: Decimal;
  readonly power_credits_usd: Decimal;
  readonly hosting_revenue_usd: Decimal;
  /** capacity - reserved hosting MW: what mining may use */
  readonly available_mw: Decimal;
  /** site opex posting (capacity * opex per MW-month), USD */
  readonly opex_usd: Decimal;
  /** mining energy at the site price (hashcost numerator), exact */
  readonly mining_energy_cost_usd: Decimal;
  readonly power_bill: PowerBill;
}

export interface BatchMonth {
  readonly batch: string;
  readonly site: string;
  /** units running (may be fractional) */
  readonly units_running: Decimal;
  readonly mining_mw: Decimal;
  readonly fleet_hashrate_ehs: Decimal;
  readonly btc_mined: Decimal;
  readonly revenue_usd_per_mwh: Decimal;
  /** marginal power cost of the batch's last running MW, or where it stopped */
  readonly marginal_cost_usd_per_mwh: Decimal;
  /** 1-based position in the site's merit order among active batches */
  readonly merit_rank: number;
  /** facility MW of all its units */
  readonly facility_mw: Decimal;
  /** facility MW not dispatched because the site's mining MW were used up */
  readonly curtailed_capacity_mw: Decimal;
  /** facility MW that fit but earned less than the marginal power cost */
  readonly curtailed_uneconomic_mw: Decimal;
  /** MW * hours * uptime * (1 - demand-response curtail) */
  readonly energy_mwh: Decimal;
}

export interface Summary {
  readonly btc_mined_total: Decimal;
  readonly btc_sold_total: Decimal;
  readonly btc_held_end: Decimal;
  readonly cash_end_usd: Decimal;
  readonly cash_min_usd: Decimal;
  readonly cash_min_month: Month;
  readonly funding_gap_max_usd: Decimal;
  readonly npv_usd: Decimal;
  readonly value_end_usd: Decimal;
  /** principal outstanding after the last month (issued, not yet matured) */
  readonly debt_outstanding_end_usd: Decimal;
}

export interface Simulation {
  readonly months: readonly MonthResult[];
  readonly summary: Summary;
}
