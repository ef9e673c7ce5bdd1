// Engine benchmark (run through `npm run bench`, which bundles this file with the sources):
// simulate() on the reference plan as the loader reads it, and on a generated stress plan
// (600 months, 2,000 batches, 50 hosting contracts, 20 sites) built directly as a Plan.
import { readFileSync } from 'node:fs';
import { Decimal } from '../src/core/decimal.js';
import { parseMonth } from '../src/core/month.js';
import { simulate } from '../src/core/simulate.js';
import { loadPlanText } from '../src/io/load-plan.js';

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
  const path = 'fixtures/plans/reference.yaml';
  const { plan } = loadPlanText(readFileSync(path, 'utf8'), path);
  return plan.base;
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

const rssBefore = process.resourceUsage().maxRSS / 1024;
const stress = stressPlan();
rows.push(['stress, first run (cold)', 1, time(() => simulate(stress), 1)]);
const rssStress = process.resourceUsage().maxRSS / 1024;
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
console.log(`peak RSS after the first stress run ${rssStress.toFixed(1)} MB (before it: ${rssBefore.toFixed(1)} MB); at the end ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
