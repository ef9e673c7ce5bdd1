import { describe, expect, test } from 'vitest';
import { spreadEvenly } from '../../src/core/hosting.js';
import { simulate } from '../../src/core/simulate.js';
import { formatMonth } from '../../src/core/month.js';
import {
  D,
  batch,
  buildPlan,
  colocation,
  constant,
  gpuCloud,
  m,
  power,
  site,
  treasury,
} from './plan-builder.js';

const t = (x: { toFixed(): string }) => x.toFixed();
const rich = treasury({ cashUsd: D(100_000_000) });

describe('reservations', () => {
  test('facility MW are reserved from conversion_start through the last term month', () => {
    // colocation 2 IT MW * pue 1.5 = 3 MW, conversion 2027-02, service 2027-03, 2 months -> term end 2027-04.
    // Batch of 4,000 units * 100 TH * 20 J/TH = 8 MW at a 10 MW site: 8 MW run, then 7 MW fit.
    const plan = buildPlan({
      months: 5,
      fleet: [batch({ units: D(4000) })],
      hosting: [colocation({ itMw: D(2), pue: D('1.5'), conversionStart: m('2027-02'), serviceStart: m('2027-03'), termMonths: 2 })],
      treasury: rich,
    });
    const months = simulate(plan).months;
    expect(months.map((r) => t(r.hosting_mw))).toEqual(['0', '3', '3', '3', '0']);
    expect(months.map((r) => t(r.mining_mw))).toEqual(['8', '7', '7', '7', '8']);
    expect(months.map((r) => t(r.idle_mw))).toEqual(['2', '0', '0', '0', '2']);
    // 7 of 8 MW run: 3,500 units
    expect(t(months[1]!.batches[0]!.units_running)).toBe('3500');
    expect(months[1]!.decisions.map((d) => d.code)).toEqual(['HOSTING_CONVERSION_START', 'CURTAIL_CAPACITY']);
    expect(months[3]!.decisions.map((d) => d.code)).toContain('HOSTING_TERM_END');
  });
});

describe('colocation', () => {
  const colo = colocation({
    itMw: D(10),
    pue: D('1.2'),
    rentUsdPerKwMonth: D(100),
    escalatorPctPerYear: D(10),
    ramp: [
      { month: m('2027-01'), pct: D(50) },
      { month: m('2027-03'), pct: D(100) },
    ],
    termMonths: 24,
    power: 'pass_through',
    loadFactorPct: D(50),
    opexUsdPerMwMonth: D(1000),
  });
  const plan = buildPlan({ months: 13, sites: [site({ capacityMw: D(20) })], fleet: [], hosting: [colo], treasury: rich });
  const months = simulate(plan).months;

  test('ramp, escalator on the anniversary and pass-through energy', () => {
    const jan = months[0]!;
    const line = jan.hosting_contracts[0]!;
    // Jan 2027: 50% of 10 IT MW billed = 5 MW; rent 5 * 1,000 kW * $100 = $500,000
    expect(t(line.billed_it_mw)).toBe('5');
    expect(t(line.revenue_usd)).toBe('500000');
    // energy 5 MW * 50% load * 1.2 pue * 744 h = 2,232 MWh; reimbursed at $50 = $111,600
    expect(t(line.energy_mwh)).toBe('2232');
    expect(t(line.pass_through_usd)).toBe('111600');
    expect(t(jan.hosting_revenue_usd)).toBe('611600');
    // the same energy is on the site's bill: 2,232 * $50
    expect(t(jan.power_cost_usd)).toBe('111600');
    // opex on contracted IT MW: 10 * $1,000
    expect(t(jan.opex_usd)).toBe('10000');
    // Mar 2027: 100% -> $1,000,000; Dec 2027 still year 0; Jan 2028 first anniversary: * 1.1
    expect(t(months[2]!.hosting_contracts[0]!.revenue_usd)).toBe('1000000');
    expect(t(months[11]!.hosting_contracts[0]!.revenue_usd)).toBe('1000000');
    expect(t(months[12]!.hosting_contracts[0]!.revenue_usd)).toBe('1100000');
    expect(formatMonth(months[12]!.month)).toBe('2028-01');
  });

  test('power included: no reimbursement, we pay the energy', () => {
    const included = buildPlan({ sites: [site({ capacityMw: D(20) })], fleet: [], hosting: [colocation({ ...colo, power: 'included' })], treasury: rich });
    const [jan] = simulate(included).months;
    expect(t(jan!.hosting_revenue_usd)).toBe('500000');
    expect(t(jan!.power_cost_usd)).toBe('111600');
  });
});

describe('construction capex', () => {
  test('spread evenly in cents with the remainder in the last month', () => {
    // $100.00 over 3 months: 33.33, 33.33, 33.34
    expect([0, 1, 2].map((i) => t(spreadEvenly(D(100), 3, i)))).toEqual(['33.33', '33.33', '33.34']);
    // $200.00 over 3: 66.67, 66.67, 66.66
    expect([0, 1, 2].map((i) => t(spreadEvenly(D(200), 3, i)))).toEqual(['66.67', '66.67', '66.66']);
  });

  test('tenant-funded share netted; conversion 2027-01, service 2027-04', () => {
    // gross 2 MW * $100 = $200.00 -> 66.67, 66.67, 66.66; tenant 15% = $30.00 -> 10, 10, 10
    // net 56.67, 56.67, 56.66; nothing in the service month
    const plan = buildPlan({
      months: 4,
      fleet: [],
      hosting: [colocation({ itMw: D(2), capexUsdPerMw: D(100), tenantFundedCapexPct: D(15), serviceStart: m('2027-04') })],
      treasury: rich,
    });
    const months = simulate(plan).months;
    expect(months.map((r) => t(r.capex_usd))).toEqual(['56.67', '56.67', '56.66', '0']);
    expect(months.map((r) => t(r.hosting_contracts[0]!.tenant_funded_usd))).toEqual(['10', '10', '10', '0']);
  });

  test('all in conversion_start when it equals service_start', () => {
    const plan = buildPlan({ months: 2, fleet: [], hosting: [colocation({ itMw: D(2), capexUsdPerMw: D(100) })], treasury: rich });
    expect(simulate(plan).months.map((r) => t(r.capex_usd))).toEqual(['200', '0']);
  });
});

describe('gpu_cloud', () => {
  test('revenue, energy, capex, lease and opex', () => {
    // 100 GPUs * 1.5 kW = 0.15 IT MW; pue 1.2 -> 0.18 MW reserved
    const plan = buildPlan({
      months: 3,
      fleet: [],
      sites: [site({ power: power({ priceUsdPerMwh: constant(50) }) })],
      hosting: [
        gpuCloud({
          gpus: D(100),
          kwPerGpu: D('1.5'),
          pue: D('1.2'),
          conversionStart: m('2027-01'),
          serviceStart: m('2027-03'),
          rateUsdPerGpuHour: constant(2),
          utilizationPct: constant(80),
          capexUsdPerGpu: D(30000),
          leaseUsdPerGpuMonth: D(500),
          opexUsdPerGpuMonth: D(100),
          opexUsdPerMwMonth: D(20000),
        }),
      ],
      treasury: rich,
    });
    const [jan, feb, mar] = simulate(plan).months;
    expect(t(jan!.hosting_mw)).toBe('0.18');
    // capex 100 * $30,000 = $3,000,000 over Jan, Feb
    expect(t(jan!.capex_usd)).toBe('1500000');
    expect(t(feb!.capex_usd)).toBe('1500000');
    expect(t(mar!.capex_usd)).toBe('0');
    expect(t(jan!.hosting_revenue_usd)).toBe('0');
    // March: 100 GPUs * 744 h * 80% * $2 = $119,040
    expect(t(mar!.hosting_revenue_usd)).toBe('119040');
    // energy 0.15 * 1.2 * 744 * 0.8 = 107.136 MWh * $50 = $5,356.80
    expect(t(mar!.hosting_contracts[0]!.energy_mwh)).toBe('107.136');
    expect(t(mar!.power_cost_usd)).toBe('5356.8');
    // opex 0.15 * $20,000 + 100 * $100 = $13,000; lease 100 * $500 = $50,000
    expect(t(mar!.hosting_contracts[0]!.opex_usd)).toBe('13000');
    expect(t(mar!.hosting_contracts[0]!.lease_usd)).toBe('50000');
    expect(t(mar!.opex_usd)).toBe('63000');
  });
});
