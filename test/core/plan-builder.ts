/**
 * A small builder of normalized Plans for engine tests (the loader is tested elsewhere).
 * `buildPlan()` is a minimal valid plan; every part can be overridden. Links (siteIndex,
 * fileIndex, termEnd, end) are filled in by `buildPlan`.
 *
 * Base plan, used by hand computations throughout the tests:
 * start 2027-01 (31 days, 744 h), 1 month, BTC $100,000, network 1,000 EH/s, no fees,
 * height 1,000,000 (subsidy 3.125 BTC), 144 blocks/day -> B = 4,464, R = 13,950 BTC.
 * Site `alpha`: 10 MW, $50/MWh, no overhead/opex/take-or-pay. Batch `b1` at alpha:
 * 1,000 units x 100 TH/s x 20 J/TH = 0.1 EH/s, 2 MW. Treasury empty, no policy.
 */
import { Decimal } from '../../src/core/decimal.js';
import { parseMonth, type Month } from '../../src/core/month.js';
import type {
  Batch,
  Colocation,
  Costs,
  Debt,
  GpuCloud,
  HostingContract,
  Market,
  Mining,
  Plan,
  PowerContract,
  Site,
  Treasury,
  TreasuryPolicy,
} from '../../src/core/plan.js';
import type { Series } from '../../src/core/series.js';

export type Num = string | number;
export const D = (x: Num | Decimal): Decimal => new Decimal(x);

/** Month from `YYYY-MM`, throwing on bad text. */
export function m(text: string): Month {
  const month = parseMonth(text);
  if (month === undefined) throw new Error(`bad month ${text}`);
  return month;
}

export const START = m('2027-01');

export function constant(value: Num, origin: Month = START): Series {
  return { kind: 'constant', value: D(value), origin, overrides: new Map() };
}

export function growth(start: Num, growthPct: Num, per: 'year' | 'month' = 'year', origin: Month = START): Series {
  return { kind: 'growth', start: D(start), growthPct: D(growthPct), per, origin, overrides: new Map() };
}

export function points(pts: Record<string, Num>, origin: Month = START): Series {
  const list = Object.entries(pts)
    .map(([month, value]) => ({ month: m(month), value: D(value) }))
    .sort((a, b) => a.month - b.month);
  return { kind: 'points', points: list, origin, overrides: new Map() };
}

export function withOverrides(series: Series, overrides: Record<string, Num>): Series {
  const map = new Map<Month, Decimal>();
  for (const [month, value] of Object.entries(overrides)) map.set(m(month), D(value));
  return { ...series, overrides: map };
}

export function power(over: Partial<PowerContract> = {}): PowerContract {
  return {
    priceUsdPerMwh: constant(50),
    takeOrPayPct: D(0),
    demandChargeUsdPerKwMonth: D(0),
    resaleUsdPerMwh: null,
    demandResponse: null,
    ...over,
  };
}

export function site(over: Partial<Site> = {}): Site {
  return {
    id: 'alpha',
    capacityMw: D(10),
    miningOverheadPct: D(0),
    opexUsdPerMwMonth: D(0),
    power: power(),
    ...over,
  };
}

type BatchInput = Partial<Omit<Batch, 'siteIndex' | 'fileIndex'>>;
export function batch(over: BatchInput = {}): BatchInput {
  return {
    id: 'b1',
    siteId: 'alpha',
    model: 'test miner',
    units: D(1000),
    hashrateThs: D(100),
    efficiencyJPerTh: D(20),
    uptimePct: D(100),
    online: START,
    retire: null,
    capexUsd: null,
    ...over,
  };
}

type ContractLinks = 'siteIndex' | 'termEnd';
export type ColocationInput = Partial<Omit<Colocation, ContractLinks | 'kind'>>;
export type GpuCloudInput = Partial<Omit<GpuCloud, ContractLinks | 'kind'>>;

export function colocation(over: ColocationInput = {}): Omit<Colocation, ContractLinks> {
  return {
    kind: 'colocation',
    id: 'colo',
    siteId: 'alpha',
    conversionStart: START,
    serviceStart: START,
    termMonths: 12,
    pue: D(1),
    opexUsdPerMwMonth: D(0),
    itMw: D(1),
    rentUsdPerKwMonth: D(100),
    escalatorPctPerYear: D(0),
    ramp: [],
    power: 'included',
    loadFactorPct: D(100),
    capexUsdPerMw: D(0),
    tenantFundedCapexPct: D(0),
    ...over,
  };
}

export function gpuCloud(over: GpuCloudInput = {}): Omit<GpuCloud, ContractLinks> {
  return {
    kind: 'gpu_cloud',
    id: 'gpu',
    siteId: 'alpha',
    conversionStart: START,
    serviceStart: START,
    termMonths: 12,
    pue: D(1),
    opexUsdPerMwMonth: D(0),
    gpus: D(100),
    kwPerGpu: D(1),
    rateUsdPerGpuHour: constant(2),
    utilizationPct: constant(100),
    capexUsdPerGpu: D(0),
    leaseUsdPerGpuMonth: D(0),
    opexUsdPerGpuMonth: D(0),
    ...over,
  };
}

export function policy(over: Partial<TreasuryPolicy> = {}): TreasuryPolicy {
  return {
    sellProductionPct: constant(0),
    cashFloorUsd: D(0),
    btcFloor: D(0),
    maxSellBtcPerMonth: null,
    saleDiscountPct: D(0),
    ...over,
  };
}

export function treasury(over: Partial<Treasury> = {}): Treasury {
  return { btc: D(0), cashUsd: D(0), costBasisUsdPerBtc: D(0), policy: policy(), scheduled: [], ...over };
}

export function market(over: Partial<Market> = {}): Market {
  return {
    btcPriceUsd: constant(100000),
    networkHashrateEhs: constant(1000),
    feesBtcPerBlock: constant(0),
    blockHeight: 1_000_000,
    blocksPerDay: constant(144),
    ...over,
  };
}

export function costs(over: Partial<Costs> = {}): Costs {
  return { gAndAUsdPerMonth: constant(0), recurring: [], oneOff: [], ...over };
}

export function debt(over: Partial<Debt> & { id: string }): Debt {
  return { principalUsd: D(0), ratePct: D(0), maturity: m('2030-01'), issue: null, ...over };
}

export interface PlanInput {
  readonly name?: string;
  readonly start?: Month;
  readonly months?: number;
  readonly discountRatePct?: Decimal;
  readonly market?: Market;
  readonly mining?: Partial<Mining>;
  readonly sites?: readonly Site[];
  readonly fleet?: readonly BatchInput[];
  readonly hosting?: readonly Omit<HostingContract, ContractLinks>[];
  readonly treasury?: Treasury;
  readonly costs?: Costs;
  readonly debt?: readonly Debt[];
}

/** A linked, normalized plan; defaults are the base plan described above. */
export function buildPlan(input: PlanInput = {}): Plan {
  const start = input.start ?? START;
  const months = input.months ?? 1;
  const sites = input.sites ?? [site()];
  const siteIndex = (id: string): number => {
    const index = sites.findIndex((s) => s.id === id);
    if (index < 0) throw new Error(`no site ${id}`);
    return index;
  };
  const fleet = (input.fleet ?? [batch()]).map((b, fileIndex): Batch => {
    const full = batch(b) as Omit<Batch, 'siteIndex' | 'fileIndex'>;
    return { ...full, siteIndex: siteIndex(full.siteId), fileIndex };
  });
  const hosting = (input.hosting ?? []).map(
    (c): HostingContract =>
      ({
        ...c,
        siteIndex: siteIndex(c.siteId),
        termEnd: (c.serviceStart + c.termMonths - 1) as Month,
      }) as HostingContract,
  );
  return {
    version: 1,
    name: input.name ?? 'test plan',
    start,
    months,
    end: (start + months - 1) as Month,
    discountRatePct: input.discountRatePct ?? D(0),
    market: input.market ?? market(),
    mining: { poolFeePct: D(0), dispatch: 'economic', ...input.mining },
    sites,
    fleet,
    hosting,
    treasury: input.treasury ?? treasury(),
    costs: input.costs ?? costs(),
    debt: input.debt ?? [],
    checks: [],
  };
}

/** Decimal to plain text for exact comparisons in expectations. */
export function s(x: Decimal): string {
  return x.toFixed();
}

/** Exact decimal comparison with readable failures: both sides as plain decimal text. */
export function eqText(actual: Decimal, expected: Num): [string, string] {
  return [actual.toFixed(), new Decimal(expected).toFixed()];
}
