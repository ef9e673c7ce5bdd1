import { describe, expect, test } from 'vitest';
import { simulate } from '../../src/core/simulate.js';
import {
  D,
  batch,
  buildPlan,
  colocation,
  constant,
  m,
  power,
  site,
  treasury,
} from './plan-builder.js';

const t = (x: { toFixed(): string }) => x.toFixed();
const rich = treasury({ cashUsd: D(100_000_000) });
// Base month (plan-builder): R = 13,950 BTC, network 1,000 EH/s, $100,000/BTC, 744 h.
// USD per effective EH/s-month = 13.95 BTC * $100,000 = $1,395,000.
// Revenue per MWh of a batch = 1,395,000 / (744 h * J/TH * (1 + overhead)).

describe('merit order and capacity', () => {
  test('lowest J/TH first, ties by file order; the last batch runs in part', () => {
    // A: 1,000 x 100 TH x 25 J/TH = 2.5 MW (file 0); B, C: 2 MW at 20 J/TH (files 1, 2).
    // Site 5 MW: B 2 MW, C 2 MW, then A gets 1 of 2.5 MW = 40% = 400 units = 0.04 EH/s.
    const plan = buildPlan({
      sites: [site({ capacityMw: D(5) })],
      fleet: [batch({ id: 'a', efficiencyJPerTh: D(25) }), batch({ id: 'b' }), batch({ id: 'c' })],
      treasury: rich,
    });
    const [jan] = simulate(plan).months;
    expect(jan!.batches.map((b) => [b.batch, b.merit_rank, t(b.mining_mw)])).toEqual([
      ['b', 1, '2'],
      ['c', 2, '2'],
      ['a', 3, '1'],
    ]);
    const a = jan!.batches[2]!;
    expect(t(a.units_running)).toBe('400');
    expect(t(a.fleet_hashrate_ehs)).toBe('0.04');
    // BTC: b, c 0.1/1,000 * 13,950 = 1.395 each; a 0.04/1,000 * 13,950 = 0.558
    expect(jan!.batches.map((b) => t(b.btc_mined))).toEqual(['1.395', '1.395', '0.558']);
    expect(t(jan!.btc_mined)).toBe('3.348');
    expect(t(a.curtailed_capacity_mw)).toBe('1.5');
    expect(jan!.decisions).toEqual([
      { code: 'CURTAIL_CAPACITY', subject: 'a @ alpha', detail: "only 1 MW of its 2.5 MW fit in the site's 5 MW of mining capacity" },
    ]);
    expect(t(jan!.mining_mw)).toBe('5');
    expect(t(jan!.idle_mw)).toBe('0');
  });
});

describe('economic dispatch', () => {
  test('below the take-or-pay volume the marginal is resale; above it the price: a batch runs in part', () => {
    // 10 MW site, take-or-pay 20% -> 10 * 744 * 0.2 = 1,488 MWh; price $80, resale $30.
    // Batch 4,000 x 100 TH x 25 J/TH = 10 MW earns 1,395,000 / (744 * 25) = $75/MWh:
    // >= $30 below the volume (1,488 / 744 = 2 MW), < $80 above it -> 2 of 10 MW run.
    const plan = buildPlan({
      sites: [site({ power: power({ priceUsdPerMwh: constant(80), takeOrPayPct: D(20), resaleUsdPerMwh: constant(30) }) })],
      fleet: [batch({ units: D(4000), efficiencyJPerTh: D(25) })],
      treasury: rich,
    });
    const [jan] = simulate(plan).months;
    const b = jan!.batches[0]!;
    expect(t(b.revenue_usd_per_mwh)).toBe('75');
    expect(t(b.mining_mw)).toBe('2');
    expect(t(b.curtailed_uneconomic_mw)).toBe('8');
    expect(t(b.marginal_cost_usd_per_mwh)).toBe('80');
    // 20% of 0.4 EH/s = 0.08 EH/s -> 0.08 / 1,000 * 13,950 = 1.116 BTC
    expect(t(b.btc_mined)).toBe('1.116');
    expect(jan!.decisions).toEqual([
      {
        code: 'CURTAIL_UNECONOMIC',
        subject: 'b1 @ alpha',
        detail: 'runs 2 MW of 10 MW; the rest earns $75.00/MWh < marginal power $80.00/MWh',
      },
    ]);
    // bill: 1,488 MWh used = volume: 1,488 * $80 = $119,040, no resale
    expect(t(jan!.sites[0]!.power_bill.energy_charge_usd)).toBe('119040');
    expect(t(jan!.power_cost_usd)).toBe('119040');
  });

  test('hosting energy is counted first against the take-or-pay volume', () => {
    // A 1 IT MW colocation (pue 1, load 100%) draws 744 MWh: 744 MWh of cheap volume remain
    // -> 1 MW of the batch runs. 9 of its 10 MW fit (1 MW reserved).
    const plan = buildPlan({
      sites: [site({ power: power({ priceUsdPerMwh: constant(80), takeOrPayPct: D(20), resaleUsdPerMwh: constant(30) }) })],
      fleet: [batch({ units: D(4000), efficiencyJPerTh: D(25) })],
      hosting: [colocation({ itMw: D(1) })],
      treasury: rich,
    });
    const [jan] = simulate(plan).months;
    const b = jan!.batches[0]!;
    expect(t(b.mining_mw)).toBe('1');
    expect(t(b.curtailed_capacity_mw)).toBe('1');
    expect(t(b.curtailed_uneconomic_mw)).toBe('8');
    expect(jan!.decisions.map((d) => d.code)).toEqual(['HOSTING_CONVERSION_START', 'HOSTING_SERVICE_START', 'CURTAIL_CAPACITY', 'CURTAIL_UNECONOMIC']);
  });

  test('resale above the batch revenue: nothing runs, the volume is resold', () => {
    // $75/MWh < resale $76: the batch stops at the first MWh. Resale 1,488 MWh * $76 = $113,088;
    // bill = 1,488 * $80 - 113,088 = $5,952
    const plan = buildPlan({
      sites: [site({ power: power({ priceUsdPerMwh: constant(80), takeOrPayPct: D(20), resaleUsdPerMwh: constant(76) }) })],
      fleet: [batch({ units: D(4000), efficiencyJPerTh: D(25) })],
      treasury: rich,
    });
    const [jan] = simulate(plan).months;
    expect(t(jan!.mining_mw)).toBe('0');
    expect(jan!.decisions[0]!.detail).toBe('earns $75.00/MWh < marginal power $76.00/MWh');
    expect(t(jan!.power_credits_usd)).toBe('113088');
    expect(t(jan!.power_cost_usd)).toBe('5952');
  });

  test('without take-or-pay the marginal is the price: $93.75/MWh < $100 stops b1', () => {
    // b1: 1,395,000 / (744 * 20) = $93.75/MWh
    const plan = buildPlan({ sites: [site({ power: power({ priceUsdPerMwh: constant(100) }) })], treasury: rich });
    const [jan] = simulate(plan).months;
    expect(t(jan!.mining_mw)).toBe('0');
    expect(t(jan!.btc_mined)).toBe('0');
    expect(jan!.decisions).toEqual([
      { code: 'CURTAIL_UNECONOMIC', subject: 'b1 @ alpha', detail: 'earns $93.75/MWh < marginal power $100.00/MWh' },
    ]);
  });

  test('always_on ignores economics', () => {
    // 2 MW * 744 h = 1,488 MWh * $100 = $148,800
    const plan = buildPlan({
      mining: { dispatch: 'always_on' },
      sites: [site({ power: power({ priceUsdPerMwh: constant(100) }) })],
      treasury: rich,
    });
    const [jan] = simulate(plan).months;
    expect(t(jan!.mining_mw)).toBe('2');
    expect(t(jan!.btc_mined)).toBe('1.395');
    expect(t(jan!.power_cost_usd)).toBe('148800');
    expect(jan!.decisions).toEqual([]);
  });
});

describe('uptime, demand response, overhead, pool fee', () => {
  test('demand response: energy and hashrate scaled by (1 - curtail), credit on MWh not drawn', () => {
    // curtail 10%, credit $200: energy 2 * 744 * 0.9 = 1,339.2 MWh -> $66,960;
    // not drawn 2 * 744 * 0.1 = 148.8 MWh -> credit $29,760; bill $37,200; EH 0.09 -> 1.2555 BTC
    const plan = buildPlan({
      sites: [site({ power: power({ demandResponse: { curtailPct: D(10), creditUsdPerMwh: D(200) } }) })],
      treasury: rich,
    });
    const [jan] = simulate(plan).months;
    const bill = jan!.sites[0]!.power_bill;
    expect(t(bill.mining_energy_mwh)).toBe('1339.2');
    expect(t(bill.energy_charge_usd)).toBe('66960');
    expect(t(bill.demand_response_mwh)).toBe('148.8');
    expect(t(bill.demand_response_credit_usd)).toBe('29760');
    expect(t(jan!.power_cost_usd)).toBe('37200');
    expect(t(jan!.power_credits_usd)).toBe('29760');
    expect(t(jan!.fleet_hashrate_ehs)).toBe('0.09');
    expect(t(jan!.btc_mined)).toBe('1.2555');
    expect(t(jan!.mining_mw)).toBe('2'); // MW are not lowered by demand response
  });

  test('uptime with demand response: 90% uptime, 10% curtail', () => {
    // energy 2 * 744 * 0.9 * 0.9 = 1,205.28 MWh; not drawn 2 * 744 * 0.9 * 0.1 = 133.92 MWh
    // EH 0.1 * 0.9 * 0.9 = 0.081 -> 0.081 / 1,000 * 13,950 = 1.12995 BTC
    const plan = buildPlan({
      sites: [site({ power: power({ demandResponse: { curtailPct: D(10), creditUsdPerMwh: D(200) } }) })],
      fleet: [batch({ uptimePct: D(90) })],
      treasury: rich,
    });
    const [jan] = simulate(plan).months;
    expect(t(jan!.sites[0]!.mining_energy_mwh)).toBe('1205.28');
    expect(t(jan!.sites[0]!.power_bill.demand_response_mwh)).toBe('133.92');
    expect(t(jan!.fleet_hashrate_ehs)).toBe('0.081');
    expect(t(jan!.btc_mined)).toBe('1.12995');
  });

  test('mining overhead raises facility MW and lowers revenue per MWh', () => {
    // 2 MW * 1.1 = 2.2 MW; energy 2.2 * 744 = 1,636.8 MWh; revenue 93.75 / 1.1 = $85.2272.../MWh
    const plan = buildPlan({ sites: [site({ miningOverheadPct: D(10) })], treasury: rich });
    const [jan] = simulate(plan).months;
    expect(t(jan!.mining_mw)).toBe('2.2');
    expect(t(jan!.sites[0]!.mining_energy_mwh)).toBe('1636.8');
    expect(jan!.batches[0]!.revenue_usd_per_mwh.toFixed(4)).toBe('85.2273');
  });

  test('pool fee: 1.395 BTC * (1 - 2%) = 1.3671 BTC', () => {
    const plan = buildPlan({ mining: { poolFeePct: D(2) }, treasury: rich });
    expect(t(simulate(plan).months[0]!.btc_mined)).toBe('1.3671');
  });

  test('BTC posting per batch rounded to the satoshi (half-even)', () => {
    // 3 units x 100 TH = 0.0003 EH/s; network 1,000 EH/s (as 999.99 here):
    // 0.0003 / 999.99 * 13,950 = 0.004185041850418504... -> 0.00418504
    const plan = buildPlan({
      fleet: [batch({ units: D(3) })],
      market: { ...buildPlan().market, networkHashrateEhs: constant('999.99') },
      treasury: rich,
    });
    expect(t(simulate(plan).months[0]!.btc_mined)).toBe('0.00418504');
  });
});

describe('online and retire', () => {
  test('a batch runs online <= month < retire; capex in the online month', () => {
    const plan = buildPlan({
      months: 4,
      fleet: [batch({ online: m('2027-02'), retire: m('2027-04'), capexUsd: D('1234.56') })],
      treasury: rich,
    });
    const months = simulate(plan).months;
    // Feb 2027: 28 days -> 4,032 blocks * 3.125 = 12,600 BTC -> 0.1/1,000 * 12,600 = 1.26
    expect(months.map((r) => t(r.btc_mined))).toEqual(['0', '1.26', '1.395', '0']);
    expect(months.map((r) => r.batches.length)).toEqual([0, 1, 1, 0]);
    expect(months.map((r) => t(r.capex_usd))).toEqual(['0', '1234.56', '0', '0']);
    expect(months[1]!.decisions[0]).toEqual({
      code: 'BATCH_ONLINE',
      subject: 'b1',
      detail: 'comes online at alpha with 2 MW; capex $1,234.56 paid',
    });
    expect(months[3]!.decisions[0]).toEqual({ code: 'BATCH_RETIRED', subject: 'b1', detail: 'retired at alpha, freeing 2 MW' });
  });
});

describe('power bill lines', () => {
  test('take-or-pay, demand charge and resale credit', () => {
    // 10 MW, take-or-pay 50% -> 3,720 MWh; b1 uses 1,488 MWh. Energy 3,720 * $50 = $186,000;
    // demand 10,000 kW * $2 = $20,000; resale (3,720 - 1,488) * $20 = $44,640;
    // total 186,000 + 20,000 - 44,640 = $161,360
    const plan = buildPlan({
      sites: [site({ power: power({ takeOrPayPct: D(50), demandChargeUsdPerKwMonth: D(2), resaleUsdPerMwh: constant(20) }) })],
      treasury: rich,
    });
    const [jan] = simulate(plan).months;
    const bill = jan!.sites[0]!.power_bill;
    expect(t(bill.take_or_pay_mwh)).toBe('3720');
    expect(t(bill.billed_energy_mwh)).toBe('3720');
    expect(t(bill.energy_charge_usd)).toBe('186000');
    expect(t(bill.demand_charge_usd)).toBe('20000');
    expect(t(bill.resale_mwh)).toBe('2232');
    expect(t(bill.resale_credit_usd)).toBe('44640');
    expect(t(bill.total_usd)).toBe('161360');
    expect(t(jan!.power_cost_usd)).toBe('161360');
    expect(t(jan!.power_credits_usd)).toBe('44640');
    // hashcost: mining energy at site price 1,488 * 50 = $74,400 / 100 PH/s / 31 days = $24
    expect(t(jan!.hashcost_usd_per_ph_day)).toBe('24');
    // power cost per BTC: 74,400 / 1.395 = $53,333.33...
    expect(jan!.power_cost_per_btc_usd.toFixed(2)).toBe('53333.33');
  });

  test('unused take-or-pay energy without resale is paid and not credited', () => {
    // 3,720 MWh * $50 = $186,000 whatever is used
    const plan = buildPlan({ sites: [site({ power: power({ takeOrPayPct: D(50) }) })], treasury: rich });
    const [jan] = simulate(plan).months;
    expect(t(jan!.power_cost_usd)).toBe('186000');
    expect(t(jan!.power_credits_usd)).toBe('0');
  });
});
