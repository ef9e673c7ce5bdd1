// Engine benchmark: `npx tsc -p tsconfig.build.json && node bench/engine-bench.mjs`
// Builds Plans directly (no loader): the reference plan from spec/reference-plan.yaml by hand,
// and a generated stress plan (600 months, 2,000 batches, 50 hosting contracts, 20 sites).
import { Decimal } from '../dist/core/decimal.js';
import { parseMonth } from '../dist/core/month.js';
import { simulate } from '../dist/core/simulate.js';

const D = (x) => new Decimal(x);
const M = (s) => parseMonth(s);
const constant = (v, origin) => ({ kind: 'constant', value: D(v), origin, overrides: new Map() });
const growth = (start, g, origin, overrides = {}) => ({
  kind: 'growth', start: D(start), growthPct: D(g), per: 'year', origin,
  overrides: new Map(Object.entries(overrides).map(([k, v]) => [M(k), D(v)])),
});

function plan({ start, months, discount, market, mining, sites, fleet, hosting, treasury, costs, debt }) {
  const siteIndex = (id) => sites.findIndex((s) => s.id === id);
  return {
    version: 1, name: 'bench', start, months, end: start + months - 1, discountRatePct: D(discount),
    market, mining, sites,
    fleet: fleet.map((b, fileIndex) => ({ uptimePct: D(100), online: start, retire: null, capexUsd: null, ...b, siteIndex: siteIndex(b.siteId), fileIndex })),
    hosting: hosting.map((c) => ({ ...c, siteIndex: siteIndex(c.siteId), termEnd: c.serviceStart + c.termMonths - 1 })),
    treasury, costs, debt, checks: [],
  };
}

function referencePlan() {
  const o = M('2027-01');
  const power = (p) => ({ takeOrPayPct: D(0), demandChargeUsdPerKwMonth: D(0), resaleUsdPerMwh: null, demandResponse: null, ...p });
  return plan({
    start: o, months: 36, discount: 10,
    market: { btcPriceUsd: growth(85000, 15, o), networkHashrateEhs: growth(1050, 20, o), feesBtcPerBlock: constant('0.03', o), blockHeight: 985000, blocksPerDay: constant(144, o) },
    mining: { poolFeePct: D('1.5'), dispatch: 'economic' },
    sites: [
      { id: 'rockdale', capacityMw: D(700), miningOverheadPct: D(8), opexUsdPerMwMonth: D(6000), power: power({ priceUsdPerMwh: constant(32, o), takeOrPayPct: D(70), demandChargeUsdPerKwMonth: D('1.5'), resaleUsdPerMwh: constant(28, o), demandResponse: { curtailPct: D(2), creditUsdPerMwh: D(150) } }) },
      { id: 'corsicana', capacityMw: D(320), miningOverheadPct: D(4), opexUsdPerMwMonth: D(5000), power: power({ priceUsdPerMwh: growth(38, 3, o, { '2027-07': 55, '2027-08': 62, '2028-07': 57, '2028-08': 65, '2029-07': 59, '2029-08': 67 }) }) },
    ],
    fleet: [
      { id: 's19xp-legacy', siteId: 'rockdale', model: 'Antminer S19 XP', units: D(60000), hashrateThs: D(140), efficiencyJPerTh: D('21.5'), uptimePct: D(95), retire: M('2028-06') },
      { id: 's21pro-2025', siteId: 'rockdale', model: 'Antminer S21 Pro', units: D(40000), hashrateThs: D(234), efficiencyJPerTh: D(15), uptimePct: D(97) },
      { id: 's21xp-2027', siteId: 'corsicana', model: 'Antminer S21 XP', units: D(80000), hashrateThs: D(270), efficiencyJPerTh: D('13.5'), uptimePct: D(97), online: M('2027-04'), capexUsd: D(345600000) },
    ],
    hosting: [
      { kind: 'colocation', id: 'hyperscaler-colo', siteId: 'rockdale', itMw: D(150), pue: D('1.3'), conversionStart: M('2027-03'), serviceStart: M('2027-10'), termMonths: 120,
        ramp: [{ month: M('2027-10'), pct: D(25) }, { month: M('2028-01'), pct: D(60) }, { month: M('2028-04'), pct: D(100) }],
        rentUsdPerKwMonth: D(140), escalatorPctPerYear: D(3), power: 'pass_through', loadFactorPct: D(100), capexUsdPerMw: D(3600000), tenantFundedCapexPct: D(40), opexUsdPerMwMonth: D(15000) },
      { kind: 'gpu_cloud', id: 'gpu-cloud-pilot', siteId: 'corsicana', gpus: D(4096), kwPerGpu: D('1.8'), pue: D('1.25'), conversionStart: M('2027-06'), serviceStart: M('2027-09'), termMonths: 48,
        rateUsdPerGpuHour: growth('4.5', -15, o), utilizationPct: constant(85, o), capexUsdPerGpu: D(48000), leaseUsdPerGpuMonth: D(0), opexUsdPerGpuMonth: D(150), opexUsdPerMwMonth: D(0) },
    ],
    treasury: { btc: D(19000), cashUsd: D(350000000), costBasisUsdPerBtc: D(52000),
      policy: { sellProductionPct: constant(50, o), cashFloorUsd: D(150000000), btcFloor: D(12000), maxSellBtcPerMonth: D(2500), saleDiscountPct: D('0.3') },
      scheduled: [{ month: M('2027-04'), side: 'sell', btc: D(1500), note: 'fund S21 XP delivery' }] },
    costs: { gAndAUsdPerMonth: constant(14000000, o), recurring: [{ id: 'insurance', usdPerMonth: constant(1200000, o), from: null, to: null }],
      oneOff: [{ id: 'land-purchase', month: M('2027-02'), amountUsd: D(-96000000) }, { id: 'atm-equity', month: M('2027-03'), amountUsd: D(250000000) }] },
    debt: [
      { id: 'converts-2030', principalUsd: D(600000000), ratePct: D('0.75'), maturity: M('2030-01'), issue: null },
      { id: 'btc-backed-loan', principalUsd: D(100000000), ratePct: D('8.5'), maturity: M('2028-09'), issue: null },
    ],
  });
}

/** Deterministic generator (LCG) so every run benchmarks the same plan. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function stressPlan({ months = 600, batches = 2000, contracts = 50, sites = 20 } = {}) {
  const r = rng(42);
  const o = M('2027-01');
  const pick = (a, b) => a + Math.floor(r() * (b - a + 1));
  const siteList = Array.from({ length: sites }, (_, i) => ({
    id: `site-${i}`, capacityMw: D(400 + 20 * i), miningOverheadPct: D(5), opexUsdPerMwMonth: D(5000),
    power: { priceUsdPerMwh: i % 2 ? growth(35 + i, 2, o) : constant(30 + i, o), takeOrPayPct: D(i % 3 ? 60 : 0), demandChargeUsdPerKwMonth: D(1),
      resaleUsdPerMwh: i % 3 ? constant(25, o) : null, demandResponse: i % 4 === 0 ? { curtailPct: D(2), creditUsdPerMwh: D(120) } : null },
  }));
  // fleets turn over: each batch runs 3-10 years from an online month spread over the horizon
  const fleet = Array.from({ length: batches }, (_, i) => {
    const online = o + pick(-60, months - 12);
    return {
      id: `batch-${i}`, siteId: `site-${i % sites}`, model: 'gen', units: D(pick(1000, 6000)), hashrateThs: D(pick(100, 400)),
      efficiencyJPerTh: D(pick(90, 300)).div(10), uptimePct: D(pick(90, 99)), online,
      retire: online + pick(36, 120), capexUsd: online >= o ? D(pick(1, 50) * 1e6) : null,
    };
  });
  const hosting = Array.from({ length: contracts }, (_, i) => {
    const conversionStart = o + pick(0, months - 24);
    const common = { id: `host-${i}`, siteId: `site-${i % sites}`, conversionStart, serviceStart: conversionStart + pick(0, 9), termMonths: pick(24, 180), pue: D('1.25'), opexUsdPerMwMonth: D(10000) };
    return i % 2
      ? { ...common, kind: 'colocation', itMw: D(pick(10, 40)), rentUsdPerKwMonth: D(pick(100, 180)), escalatorPctPerYear: D(3), ramp: [{ month: common.serviceStart, pct: D(50) }, { month: common.serviceStart + 6, pct: D(100) }],
          power: i % 4 === 1 ? 'pass_through' : 'included', loadFactorPct: D(80), capexUsdPerMw: D(3000000), tenantFundedCapexPct: D(30) }
      : { ...common, kind: 'gpu_cloud', gpus: D(pick(1000, 8000)), kwPerGpu: D('1.8'), rateUsdPerGpuHour: growth('3.5', -12, o), utilizationPct: constant(80, o),
          capexUsdPerGpu: D(40000), leaseUsdPerGpuMonth: D(0), opexUsdPerGpuMonth: D(120) };
  });
  return plan({
    start: o, months, discount: 10,
    market: { btcPriceUsd: growth(85000, 12, o), networkHashrateEhs: growth(1050, 15, o), feesBtcPerBlock: constant('0.03', o), blockHeight: 985000, blocksPerDay: constant(144, o) },
    mining: { poolFeePct: D('1.5'), dispatch: 'economic' },
    sites: siteList, fleet, hosting,
    treasury: { btc: D(19000), cashUsd: D(350000000), costBasisUsdPerBtc: D(52000),
      policy: { sellProductionPct: constant(50, o), cashFloorUsd: D(150000000), btcFloor: D(5000), maxSellBtcPerMonth: D(2500), saleDiscountPct: D('0.3') },
      scheduled: Array.from({ length: 20 }, (_, i) => ({ month: o + i * 25, side: i % 3 ? 'sell' : 'buy', btc: D(100), note: 'bench' })) },
    costs: { gAndAUsdPerMonth: growth(14000000, 3, o), recurring: [{ id: 'insurance', usdPerMonth: constant(1200000, o), from: null, to: null }], oneOff: [] },
    debt: [{ id: 'converts', principalUsd: D(600000000), ratePct: D('0.75'), maturity: o + 120, issue: null }],
  });
}

function time(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
}

const rows = [];
const ref = referencePlan();
for (let i = 0; i < 50; i++) simulate(ref); // warm-up
const r = time(() => simulate(ref), 200);
rows.push(['reference (36 mo, 3 batches)', 200, r]);

const stress = stressPlan();
simulate(stress); // warm-up
rows.push(['stress (600 mo, 2000 batches, 50 hosting, 20 sites)', 3, time(() => simulate(stress), 3)]);
for (const months of [150, 300, 600]) {
  const p = stressPlan({ months });
  rows.push([`stress months=${months}`, 2, time(() => simulate(p), 2)]);
}
for (const batches of [500, 1000, 2000, 4000]) {
  const p = stressPlan({ batches });
  rows.push([`stress batches=${batches}`, 2, time(() => simulate(p), 2)]);
}

const pad = (s, n) => String(s).padEnd(n);
console.log(pad('case', 56) + pad('runs', 6) + pad('median ms', 12) + pad('min ms', 10) + 'max ms');
for (const [name, runs, t] of rows) {
  console.log(pad(name, 56) + pad(runs, 6) + pad(t.median.toFixed(2), 12) + pad(t.min.toFixed(2), 10) + t.max.toFixed(2));
}
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`peak RSS ${maxRssMb.toFixed(1)} MB (resourceUsage.maxRSS); heap used now ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MB`);
