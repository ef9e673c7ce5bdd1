/**
 * fast-check generator of small valid normalized Plans: 1-3 sites, 0-6 batches, 0-2 hosting
 * contracts per site (never over-reserving: each contract reserves at most a third of its
 * site), treasury policies with floors and caps, costs and debt.
 */
import fc from 'fast-check';
import type { Month } from '../../src/core/month.js';
import type { Plan } from '../../src/core/plan.js';
import type { Series } from '../../src/core/series.js';
import {
  D,
  batch,
  buildPlan,
  colocation,
  constant,
  costs,
  debt,
  gpuCloud,
  growth,
  market,
  policy,
  power,
  site,
  treasury,
  type Num,
} from './plan-builder.js';

const START = (2026 * 12) as Month;
const dec = (min: number, max: number, scale = 100): fc.Arbitrary<string> =>
  fc.integer({ min: min * scale, max: max * scale }).map((n) => D(n).div(scale).toFixed());

function seriesArb(min: number, max: number): fc.Arbitrary<Series> {
  return fc.oneof(
    dec(min, max).map((v) => constant(v as Num, START)),
    fc.tuple(dec(min, max), dec(-30, 60)).map(([s, g]) => growth(s, g, 'year', START)),
  );
}

export const planArb: fc.Arbitrary<Plan> = fc
  .record({
    months: fc.integer({ min: 1, max: 18 }),
    price: seriesArb(1000, 200000),
    network: seriesArb(100, 2000),
    fees: dec(0, 1),
    height: fc.integer({ min: 0, max: 1_300_000 }),
    bpd: fc.constantFrom('144', '150.5', '137.25'),
    poolFee: dec(0, 5),
    dispatch: fc.constantFrom<'economic' | 'always_on'>('economic', 'economic', 'always_on'),
    sites: fc.array(
      fc.record({
        capacity: dec(1, 60, 10),
        overhead: dec(0, 15),
        opex: dec(0, 8000),
        price: dec(10, 120),
        top: fc.constantFrom('0', '0', '40', '80', '100'),
        demand: dec(0, 3),
        resale: fc.option(dec(0, 60), { nil: null }),
        dr: fc.option(fc.record({ curtail: dec(0, 20), credit: dec(0, 300) }), { nil: null }),
        contracts: fc.array(
          fc.record({
            kind: fc.constantFrom('colocation', 'gpu_cloud'),
            share: dec(0, 0.33, 100),
            pue: dec(1, 1.6),
            conv: fc.integer({ min: -6, max: 16 }),
            lead: fc.integer({ min: 0, max: 6 }),
            term: fc.integer({ min: 1, max: 24 }),
            rent: dec(50, 200),
            esc: dec(0, 5),
            passThrough: fc.boolean(),
            load: dec(30, 100),
            capex: dec(0, 3000000),
            tenant: dec(0, 100),
            rate: dec(1, 5),
            util: dec(0, 100),
          }),
          { maxLength: 2 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    fleet: fc.array(
      fc.record({
        site: fc.nat(),
        units: fc.integer({ min: 0, max: 20000 }),
        ths: dec(50, 300),
        eff: dec(12, 35),
        uptime: dec(50, 100),
        online: fc.integer({ min: -3, max: 12 }),
        life: fc.option(fc.integer({ min: 1, max: 24 }), { nil: null }),
        capex: fc.option(dec(0, 5000000), { nil: null }),
      }),
      { maxLength: 6 },
    ),
    btc: dec(0, 500),
    cash: dec(-1000000, 20000000, 1),
    basis: dec(0, 90000),
    sellPct: dec(0, 100),
    cashFloor: fc.constantFrom('0', '0', '1000000', '5000000'),
    btcFloor: fc.constantFrom('0', '0', '10', '200'),
    cap: fc.option(dec(0, 50), { nil: null }),
    discount: dec(0, 5),
    scheduled: fc.array(
      fc.record({ at: fc.integer({ min: 0, max: 17 }), side: fc.constantFrom<'sell' | 'buy'>('sell', 'buy'), btc: dec(0, 100) }),
      { maxLength: 3 },
    ),
    gAndA: seriesArb(0, 2000000),
    oneOffs: fc.array(fc.record({ at: fc.integer({ min: 0, max: 17 }), amount: dec(-5000000, 5000000, 1) }), { maxLength: 2 }),
    debts: fc.array(
      fc.record({ principal: dec(0, 10000000, 1), rate: dec(0, 15), issue: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), life: fc.integer({ min: 0, max: 24 }) }),
      { maxLength: 2 },
    ),
  })
  .map((r): Plan => {
    const sites = r.sites.map((s, i) =>
      site({
        id: `site-${i}`,
        capacityMw: D(s.capacity),
        miningOverheadPct: D(s.overhead),
        opexUsdPerMwMonth: D(s.opex),
        power: power({
          priceUsdPerMwh: constant(s.price, START),
          takeOrPayPct: D(s.top),
          demandChargeUsdPerKwMonth: D(s.demand),
          resaleUsdPerMwh: s.resale === null ? null : constant(s.resale, START),
          demandResponse: s.dr === null ? null : { curtailPct: D(s.dr.curtail), creditUsdPerMwh: D(s.dr.credit) },
        }),
      }),
    );
    const hosting = r.sites.flatMap((s, si) =>
      s.contracts.map((c, ci) => {
        const facility = D(s.capacity).times(c.share);
        const conversionStart = (START + c.conv) as Month;
        const common = {
          id: `h-${si}-${ci}`,
          siteId: `site-${si}`,
          conversionStart,
          serviceStart: (conversionStart + c.lead) as Month,
          termMonths: c.term,
          pue: D(c.pue),
          opexUsdPerMwMonth: D(1000),
        };
        const itMw = facility.div(c.pue);
        return c.kind === 'colocation'
          ? colocation({
              ...common,
              itMw,
              rentUsdPerKwMonth: D(c.rent),
              escalatorPctPerYear: D(c.esc),
              power: c.passThrough ? 'pass_through' : 'included',
              loadFactorPct: D(c.load),
              capexUsdPerMw: D(c.capex),
              tenantFundedCapexPct: D(c.tenant),
            })
          : gpuCloud({
              ...common,
              gpus: D(1000),
              kwPerGpu: itMw, // 1,000 GPUs * kW = IT MW * 1,000
              rateUsdPerGpuHour: constant(c.rate, START),
              utilizationPct: constant(c.util, START),
              capexUsdPerGpu: D(c.capex).div(1000),
              leaseUsdPerGpuMonth: D(100),
              opexUsdPerGpuMonth: D(50),
            });
      }),
    );
    const fleet = r.fleet.map((b, i) => {
      const online = (START + b.online) as Month;
      return batch({
        id: `b-${i}`,
        siteId: `site-${b.site % sites.length}`,
        units: D(b.units),
        hashrateThs: D(b.ths),
        efficiencyJPerTh: D(b.eff),
        uptimePct: D(b.uptime),
        online,
        retire: b.life === null ? null : ((online + b.life) as Month),
        capexUsd: b.capex === null ? null : D(b.capex),
      });
    });
    return buildPlan({
      start: START,
      months: r.months,
      discountRatePct: D(8),
      market: market({
        btcPriceUsd: r.price,
        networkHashrateEhs: r.network,
        feesBtcPerBlock: constant(r.fees, START),
        blockHeight: r.height,
        blocksPerDay: constant(r.bpd, START),
      }),
      mining: { poolFeePct: D(r.poolFee), dispatch: r.dispatch },
      sites,
      fleet,
      hosting,
      treasury: treasury({
        btc: D(r.btc),
        cashUsd: D(r.cash),
        costBasisUsdPerBtc: D(r.basis),
        policy: policy({
          sellProductionPct: constant(r.sellPct, START),
          cashFloorUsd: D(r.cashFloor),
          btcFloor: D(r.btcFloor),
          maxSellBtcPerMonth: r.cap === null ? null : D(r.cap),
          saleDiscountPct: D(r.discount),
        }),
        scheduled: r.scheduled.map((s) => ({ month: (START + s.at) as Month, side: s.side, btc: D(s.btc), note: 'generated' })),
      }),
      costs: costs({
        gAndAUsdPerMonth: r.gAndA,
        recurring: [{ id: 'rec', usdPerMonth: constant(1000, START), from: (START + 1) as Month, to: (START + 5) as Month }],
        oneOff: r.oneOffs.map((o, i) => ({ id: `o-${i}`, month: (START + o.at) as Month, amountUsd: D(o.amount) })),
      }),
      debt: r.debts.map((d, i) => {
        const issue = d.issue === null ? null : ((START + d.issue) as Month);
        return debt({
          id: `d-${i}`,
          principalUsd: D(d.principal),
          ratePct: D(d.rate),
          issue,
          maturity: ((issue ?? START) + d.life) as Month,
        });
      }),
    });
  });
