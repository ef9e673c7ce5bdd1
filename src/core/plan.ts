/**
 * The normalized plan: what the loader hands the engine. Defaults applied, months resolved
 * to `Month` integers, numbers as exact decimals, series ready to evaluate, ids linked
 * (`siteIndex` is the position in `sites`). Everything is readonly.
 *
 * Units follow the plan format's key names: `Usd`, `Btc`, `Mw`, `Ehs`, `Ths`, `Pct`
 * (percent, 15 = 15%).
 */
import type { Decimal } from './decimal.js';
import type { Month } from './month.js';
import type { Series } from './series.js';

export interface Plan {
  readonly version: 1;
  readonly name: string;
  /** first simulated month */
  readonly start: Month;
  /** number of simulated months, 1..600 */
  readonly months: number;
  /** last simulated month, inclusive: start + months - 1 */
  readonly end: Month;
  readonly discountRatePct: Decimal;
  readonly market: Market;
  readonly mining: Mining;
  readonly sites: readonly Site[];
  readonly fleet: readonly Batch[];
  readonly hosting: readonly HostingContract[];
  readonly treasury: Treasury;
  readonly costs: Costs;
  readonly debt: readonly Debt[];
  readonly checks: readonly Check[];
}

export interface Market {
  readonly btcPriceUsd: Series;
  readonly networkHashrateEhs: Series;
  /** default 0 */
  readonly feesBtcPerBlock: Series;
  /** chain height of the first block mined in `start` (a non-negative integer) */
  readonly blockHeight: number;
  /** default 144 */
  readonly blocksPerDay: Series;
}

export interface Mining {
  readonly poolFeePct: Decimal;
  readonly dispatch: 'economic' | 'always_on';
}

export interface Site {
  readonly id: string;
  readonly capacityMw: Decimal;
  readonly miningOverheadPct: Decimal;
  readonly opexUsdPerMwMonth: Decimal;
  readonly power: PowerContract;
}

export interface PowerContract {
  readonly priceUsdPerMwh: Series;
  readonly takeOrPayPct: Decimal;
  readonly demandChargeUsdPerKwMonth: Decimal;
  /** absent: no resale of unused take-or-pay energy (marginal cost below the volume is 0) */
  readonly resaleUsdPerMwh: Series | null;
  readonly demandResponse: DemandResponse | null;
}

export interface DemandResponse {
  readonly curtailPct: Decimal;
  readonly creditUsdPerMwh: Decimal;
}

export interface Batch {
  readonly id: string;
  readonly siteId: string;
  readonly siteIndex: number;
  readonly model: string;
  readonly units: Decimal;
  /** per unit */
  readonly hashrateThs: Decimal;
  /** per unit, J/TH = W per TH/s */
  readonly efficiencyJPerTh: Decimal;
  readonly uptimePct: Decimal;
  /** first month running (default: plan start) */
  readonly online: Month;
  /** first month not running; null = runs to the end */
  readonly retire: Month | null;
  /** paid in the `online` month if that month is inside the horizon; null = none */
  readonly capexUsd: Decimal | null;
  /** position in the plan's fleet list (tie-break for merit order) */
  readonly fileIndex: number;
}

interface HostingCommon {
  readonly id: string;
  readonly siteId: string;
  readonly siteIndex: number;
  /** MW leave mining, construction begins */
  readonly conversionStart: Month;
  /** first revenue month, >= conversionStart */
  readonly serviceStart: Month;
  readonly termMonths: number;
  /** last service month: serviceStart + termMonths - 1 */
  readonly termEnd: Month;
  /** facility MW per IT MW */
  readonly pue: Decimal;
  /** per contracted IT MW per service month */
  readonly opexUsdPerMwMonth: Decimal;
}

export interface RampStep {
  readonly month: Month;
  readonly pct: Decimal;
}

export interface Colocation extends HostingCommon {
  readonly kind: 'colocation';
  readonly itMw: Decimal;
  readonly rentUsdPerKwMonth: Decimal;
  readonly escalatorPctPerYear: Decimal;
  /** sorted by month; empty = 100% from service start */
  readonly ramp: readonly RampStep[];
  readonly power: 'pass_through' | 'included';
  readonly loadFactorPct: Decimal;
  readonly capexUsdPerMw: Decimal;
  readonly tenantFundedCapexPct: Decimal;
}

export interface GpuCloud extends HostingCommon {
  readonly kind: 'gpu_cloud';
  readonly gpus: Decimal;
  readonly kwPerGpu: Decimal;
  readonly rateUsdPerGpuHour: Series;
  readonly utilizationPct: Series;
  readonly capexUsdPerGpu: Decimal;
  readonly leaseUsdPerGpuMonth: Decimal;
  readonly opexUsdPerGpuMonth: Decimal;
}

export type HostingContract = Colocation | GpuCloud;

export interface Treasury {
  readonly btc: Decimal;
  readonly cashUsd: Decimal;
  readonly costBasisUsdPerBtc: Decimal;
  readonly policy: TreasuryPolicy;
  readonly scheduled: readonly ScheduledTrade[];
}

export interface TreasuryPolicy {
  readonly sellProductionPct: Series;
  readonly cashFloorUsd: Decimal;
  readonly btcFloor: Decimal;
  /** null = no monthly cap */
  readonly maxSellBtcPerMonth: Decimal | null;
  readonly saleDiscountPct: Decimal;
}

export interface ScheduledTrade {
  readonly month: Month;
  readonly side: 'sell' | 'buy';
  readonly btc: Decimal;
  readonly note: string;
}

export interface Costs {
  readonly gAndAUsdPerMonth: Series;
  readonly recurring: readonly RecurringCost[];
  readonly oneOff: readonly OneOffFlow[];
}

export interface RecurringCost {
  readonly id: string;
  /** outflow, positive number */
  readonly usdPerMonth: Series;
  readonly from: Month | null;
  readonly to: Month | null;
}

export interface OneOffFlow {
  readonly id: string;
  readonly month: Month;
  /** signed: + inflow, - outflow */
  readonly amountUsd: Decimal;
}

export interface Debt {
  readonly id: string;
  readonly principalUsd: Decimal;
  /** annual, percent */
  readonly ratePct: Decimal;
  /** principal repaid in this month */
  readonly maturity: Month;
  /** month the principal comes in; null = outstanding before start */
  readonly issue: Month | null;
}

export interface Check {
  readonly name: string;
  /** a monthly result metric name */
  readonly metric: string;
  readonly min: Decimal | null;
  readonly max: Decimal | null;
  readonly at: Month | null;
  readonly from: Month | null;
  readonly to: Month | null;
  /** null = base and every scenario */
  readonly scenarios: readonly string[] | null;
}
