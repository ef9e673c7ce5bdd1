/**
 * Hand-made simulations for the report and renderer tests. Only the fields the report
 * reads (metrics, decisions, sites, batches, summary) carry values; the engine's trace
 * fields are not part of the report's input and are left out (hence the casts).
 */
import { Decimal, ZERO } from '../../src/core/decimal.js';
import { parseMonth, type Month } from '../../src/core/month.js';
import {
  METRIC_NAMES,
  type BatchMonth,
  type Decision,
  type MetricName,
  type MonthResult,
  type SiteMonth,
  type Simulation,
  type Summary,
} from '../../src/core/results.js';

export const d = (x: string | number): Decimal => new Decimal(x);

export function month(text: string): Month {
  const m = parseMonth(text);
  if (m === undefined) throw new Error(`bad month ${text}`);
  return m;
}

export function monthResult(
  monthText: string,
  metrics: Partial<Record<MetricName, string>>,
  extra: { decisions?: Decision[]; sites?: SiteMonth[]; batches?: BatchMonth[] } = {},
): MonthResult {
  const values = Object.fromEntries(METRIC_NAMES.map((n) => [n, metrics[n] === undefined ? ZERO : d(metrics[n])]));
  return {
    ...values,
    month: month(monthText),
    decisions: extra.decisions ?? [],
    sites: extra.sites ?? [],
    batches: extra.batches ?? [],
  } as unknown as MonthResult;
}

export function site(id: string, fields: Partial<Record<string, string>>): SiteMonth {
  const names = [
    'capacity_mw',
    'mining_mw',
    'hosting_mw',
    'available_mw',
    'idle_mw',
    'fleet_hashrate_ehs',
    'btc_mined',
    'mining_energy_mwh',
    'hosting_energy_mwh',
    'power_cost_usd',
    'power_credits_usd',
    'hosting_revenue_usd',
    'opex_usd',
    'mining_energy_cost_usd',
  ];
  return {
    site: id,
    ...Object.fromEntries(names.map((n) => [n, d(fields[n] ?? '0')])),
  } as unknown as SiteMonth;
}

export function batch(id: string, siteId: string, fields: Partial<Record<string, string>>): BatchMonth {
  const names = [
    'units_running',
    'mining_mw',
    'fleet_hashrate_ehs',
    'energy_mwh',
    'btc_mined',
    'revenue_usd_per_mwh',
    'marginal_cost_usd_per_mwh',
  ];
  return {
    batch: id,
    site: siteId,
    ...Object.fromEntries(names.map((n) => [n, d(fields[n] ?? '0')])),
  } as unknown as BatchMonth;
}

export function summary(fields: Partial<Record<Exclude<keyof Summary, 'cash_min_month'>, string>>, cashMin: string): Summary {
  const names = [
    'btc_mined_total',
    'btc_sold_total',
    'btc_held_end',
    'cash_end_usd',
    'cash_min_usd',
    'funding_gap_max_usd',
    'npv_usd',
    'value_end_usd',
    'debt_outstanding_end_usd',
  ] as const;
  return {
    ...Object.fromEntries(names.map((n) => [n, d(fields[n] ?? '0')])),
    cash_min_month: month(cashMin),
  } as unknown as Summary;
}

/**
 * Four months, 2027-01 .. 2027-04: quarter Q1 is complete, Q2 is partial (one month).
 * Values are chosen so the aggregations are easy to check by hand (see report.test.ts).
 */
export function fourMonths(): Simulation {
  const months = [
    monthResult(
      '2027-01',
      {
        btc_price_usd: '85000',
        network_hashrate_ehs: '800',
        block_reward_btc: '3.15',
        hashprice_usd_per_ph_day: '46.125',
        capacity_mw: '100',
        mining_mw: '80',
        hosting_mw: '0',
        idle_mw: '20',
        fleet_hashrate_ehs: '4',
        btc_mined: '10.5',
        btc_sold: '0',
        btc_held: '110',
        mining_revenue_usd: '892500',
        power_cost_usd: '400000',
        capex_usd: '0',
        net_cash_flow_usd: '2000',
        cash_usd: '2000',
        btc_value_usd: '9350000',
        funding_gap_usd: '0',
        hashcost_usd_per_ph_day: '30',
        power_cost_per_btc_usd: '40000',
      },
      {
        decisions: [{ code: 'BATCH_ONLINE', subject: 'b1', detail: 'Batch b1 online: 1,000 units, 3.5 MW.' }],
        sites: [site('alpha', { capacity_mw: '100', mining_mw: '80', idle_mw: '20', btc_mined: '10.5', power_cost_usd: '400000' })],
        batches: [
          batch('b1', 'alpha', { units_running: '1000', mining_mw: '80', btc_mined: '10.5', revenue_usd_per_mwh: '60', marginal_cost_usd_per_mwh: '40' }),
        ],
      },
    ),
    monthResult(
      '2027-02',
      {
        btc_price_usd: '90000',
        network_hashrate_ehs: '810',
        block_reward_btc: '3.16',
        hashprice_usd_per_ph_day: '47',
        capacity_mw: '100',
        mining_mw: '80',
        hosting_mw: '0',
        idle_mw: '20',
        fleet_hashrate_ehs: '4',
        btc_mined: '9.25',
        btc_sold: '4.25',
        btc_held: '115',
        mining_revenue_usd: '832500',
        power_cost_usd: '410000',
        capex_usd: '1500000',
        net_cash_flow_usd: '-3500.5',
        cash_usd: '-1500.5',
        btc_value_usd: '10350000',
        funding_gap_usd: '1500.5',
        hashcost_usd_per_ph_day: '32',
        power_cost_per_btc_usd: '42000',
      },
      {
        decisions: [
          { code: 'FUNDING_GAP', subject: 'treasury', detail: 'Cash ended at -1,500.50 USD.' },
          { code: 'CASH_BELOW_FLOOR', subject: 'treasury', detail: 'Cash below the floor of 0.00 USD.' },
        ],
        sites: [site('alpha', { capacity_mw: '100', mining_mw: '80', idle_mw: '20', btc_mined: '9.25', power_cost_usd: '410000' })],
        batches: [
          batch('b1', 'alpha', { units_running: '1000', mining_mw: '60', btc_mined: '7', revenue_usd_per_mwh: '62', marginal_cost_usd_per_mwh: '40' }),
          batch('b2', 'alpha', { units_running: '500', mining_mw: '20', btc_mined: '2.25', revenue_usd_per_mwh: '50', marginal_cost_usd_per_mwh: '41' }),
        ],
      },
    ),
    monthResult(
      '2027-03',
      {
        btc_price_usd: '95000',
        network_hashrate_ehs: '820',
        block_reward_btc: '3.17',
        hashprice_usd_per_ph_day: '48.5',
        capacity_mw: '100',
        mining_mw: '70',
        hosting_mw: '0',
        idle_mw: '30',
        fleet_hashrate_ehs: '3.5',
        btc_mined: '8.125',
        btc_sold: '3.125',
        btc_held: '120',
        mining_revenue_usd: '771875',
        power_cost_usd: '380000',
        capex_usd: '0',
        net_cash_flow_usd: '1250.5',
        cash_usd: '-250',
        btc_value_usd: '11400000',
        funding_gap_usd: '250',
        hashcost_usd_per_ph_day: '36',
        power_cost_per_btc_usd: '45000',
      },
      {
        decisions: [{ code: 'SELL_PRODUCTION', subject: 'treasury', detail: 'Sold 3.125 BTC at "spot", 95,000 USD/BTC.' }],
        sites: [site('alpha', { capacity_mw: '100', mining_mw: '70', idle_mw: '30', btc_mined: '8.125', power_cost_usd: '380000' })],
        batches: [
          batch('b1', 'alpha', { units_running: '875', mining_mw: '50', btc_mined: '5.8', revenue_usd_per_mwh: '64', marginal_cost_usd_per_mwh: '40' }),
          batch('b2', 'alpha', { units_running: '500', mining_mw: '20', btc_mined: '2.325', revenue_usd_per_mwh: '51', marginal_cost_usd_per_mwh: '41' }),
        ],
      },
    ),
    monthResult(
      '2027-04',
      {
        btc_price_usd: '100000',
        network_hashrate_ehs: '830',
        block_reward_btc: '3.18',
        hashprice_usd_per_ph_day: '49',
        capacity_mw: '100',
        mining_mw: '70',
        hosting_mw: '10',
        idle_mw: '20',
        fleet_hashrate_ehs: '3.5',
        btc_mined: '7',
        btc_sold: '0',
        btc_held: '127',
        mining_revenue_usd: '700000',
        power_cost_usd: '390000',
        capex_usd: '250000.125',
        net_cash_flow_usd: '5000',
        cash_usd: '4750',
        btc_value_usd: '12700000',
        funding_gap_usd: '0',
        hashcost_usd_per_ph_day: '37',
        power_cost_per_btc_usd: '46000',
      },
      {
        sites: [site('alpha', { capacity_mw: '100', mining_mw: '70', hosting_mw: '10', idle_mw: '20', btc_mined: '7', power_cost_usd: '390000' })],
        batches: [
          batch('b1', 'alpha', { units_running: '875', mining_mw: '50', btc_mined: '5', revenue_usd_per_mwh: '66', marginal_cost_usd_per_mwh: '40' }),
          batch('b2', 'alpha', { units_running: '500', mining_mw: '20', btc_mined: '2', revenue_usd_per_mwh: '52', marginal_cost_usd_per_mwh: '41' }),
        ],
      },
    ),
  ];
  return {
    months,
    summary: summary(
      {
        btc_mined_total: '34.875',
        btc_sold_total: '7.375',
        btc_held_end: '127',
        cash_end_usd: '4750',
        cash_min_usd: '-1500.5',
        funding_gap_max_usd: '1500.5',
        npv_usd: '-123456.785',
        value_end_usd: '12704750',
        debt_outstanding_end_usd: '0',
      },
      '2027-02',
    ),
  };
}

/** The first two months of {@link fourMonths} with their own summary: for whole-output tests. */
export function twoMonths(): Simulation {
  const months = fourMonths().months.slice(0, 2);
  return {
    months,
    summary: summary(
      {
        btc_mined_total: '19.75',
        btc_sold_total: '4.25',
        btc_held_end: '115',
        cash_end_usd: '-1500.5',
        cash_min_usd: '-1500.5',
        funding_gap_max_usd: '1500.5',
        npv_usd: '-1500.5',
        value_end_usd: '10348499.5',
        debt_outstanding_end_usd: '0',
      },
      '2027-02',
    ),
  };
}

export const META = {
  plan: { name: 'Pivot, "base" case', file: 'plans/pivot.yaml', sha256: 'ab'.repeat(32) },
  scenario: 'base',
} as const;
