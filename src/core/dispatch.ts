/**
 * Step 3 of the month: which ASIC batches run at a site, and how much of each (spec 4.3).
 *
 * MW are facility MW (ASIC load * (1 + mining overhead)); energy is MWh; revenue and
 * marginal cost are USD per MWh of energy drawn. Nothing here is a posting, so nothing is
 * rounded except the BTC each batch mines (step 4, {@link batchOutput}).
 */
import { Decimal, ONE, ZERO, add, dmax, dmin, pct, roundBtc } from './decimal.js';
import * as decide from './decisions.js';
import type { Month } from './month.js';
import type { Batch, Site } from './plan.js';
import type { BatchMonth, Decision } from './results.js';

const THS_PER_EHS = new Decimal(1_000_000);
const W_PER_MW = new Decimal(1_000_000);

/** Per-batch constants, computed once per run. */
export interface PreparedBatch {
  readonly batch: Batch;
  /** units * hashrate_ths * J/TH / 1e6 * (1 + overhead%): facility MW of all units */
  readonly facilityMw: Decimal;
  /** units * hashrate_ths / 1e6: nameplate EH/s */
  readonly nominalEhs: Decimal;
  /** uptime as a fraction */
  readonly uptime: Decimal;
  /** facilityMw * uptime */
  readonly uptimeMw: Decimal;
  /** nominalEhs * uptime */
  readonly uptimeEhs: Decimal;
  /** nameplate EH/s per facility MW: 1 / (J/TH * (1 + overhead%)) */
  readonly ehsPerMw: Decimal;
  /** the site's demand-response share as a fraction (0 without demand response) */
  readonly curtail: Decimal;
  /**
   * Per month length in hours: MWh drawn per running MW and by all units, and effective
   * EH/s of all units. Filled on first use; exact, so caching changes no result (a month
   * has one of four lengths).
   */
  readonly byHours: Map<number, FullRun>;
}

/** A batch's per-MW energy and its whole-batch energy and hashrate for one month length. */
export interface FullRun {
  /** MWh per running MW: hours * uptime * (1 - curtail) */
  readonly energyPerMw: Decimal;
  /** MWh of all units running */
  readonly energyMwh: Decimal;
  /** effective EH/s of all units running: nominal * uptime * (1 - curtail) */
  readonly effectiveEhs: Decimal;
}

function fullRun(b: PreparedBatch, hours: number): FullRun {
  const cached = b.byHours.get(hours);
  if (cached) return cached;
  const curtail = b.curtail;
  const keep = ONE.minus(curtail);
  const energyPerUptimeMw = curtail.isZero() ? new Decimal(hours) : keep.times(hours);
  const run: FullRun = {
    energyPerMw: b.uptime.times(energyPerUptimeMw),
    energyMwh: b.uptimeMw.times(energyPerUptimeMw),
    effectiveEhs: curtail.isZero() ? b.uptimeEhs : b.uptimeEhs.times(keep),
  };
  b.byHours.set(hours, run);
  return run;
}

/** Batch constants at its site (see {@link PreparedBatch}); exact, unrounded. */
export function prepareBatch(batch: Batch, site: Site): PreparedBatch {
  const overhead = ONE.plus(pct(site.miningOverheadPct));
  const thsTotal = batch.units.times(batch.hashrateThs);
  const facilityMw = thsTotal.times(batch.efficiencyJPerTh).div(W_PER_MW).times(overhead);
  const nominalEhs = thsTotal.div(THS_PER_EHS);
  const uptime = pct(batch.uptimePct);
  const mwPerEhs = batch.efficiencyJPerTh.times(overhead);
  return {
    batch,
    facilityMw,
    nominalEhs,
    uptime,
    uptimeMw: facilityMw.times(uptime),
    uptimeEhs: nominalEhs.times(uptime),
    ehsPerMw: mwPerEhs.isZero() ? ZERO : ONE.div(mwPerEhs),
    curtail: site.power.demandResponse === null ? ZERO : pct(site.power.demandResponse.curtailPct),
    byHours: new Map(),
  };
}

/** Merit order: lowest J/TH first, ties by position in the plan's fleet list. */
export function meritOrder(batches: readonly PreparedBatch[]): PreparedBatch[] {
  return [...batches].sort(
    (a, b) =>
      a.batch.efficiencyJPerTh.cmp(b.batch.efficiencyJPerTh) || a.batch.fileIndex - b.batch.fileIndex,
  );
}

/** A batch runs in months online <= month < retire. */
export function isBatchActive(batch: Batch, month: Month): boolean {
  return month >= batch.online && (batch.retire === null || month < batch.retire);
}

export interface SiteDispatchInput {
  readonly siteId: string;
  readonly month: Month;
  readonly hours: number;
  /** capacity - reserved hosting MW */
  readonly availableMw: Decimal;
  readonly priceUsdPerMwh: Decimal;
  /** null: no resale, paid-for unused energy is worth 0 */
  readonly resaleUsdPerMwh: Decimal | null;
  /** capacity MW * hours * take_or_pay_pct */
  readonly takeOrPayMwh: Decimal;
  /** hosting energy drawn at the site this month (counts first against take-or-pay) */
  readonly hostingEnergyMwh: Decimal;
  /** demand-response curtail share as a fraction (0 without demand response) */
  readonly curtail: Decimal;
  /** USD earned per effective EH/s per hour of the month, after pool fee */
  readonly usdPerEhsHour: Decimal;
  /** BTC credited per effective EH/s over the month, after pool fee */
  readonly btcPerEhs: Decimal;
  readonly mode: 'economic' | 'always_on';
  /** the site's batches in merit order (active or not) */
  readonly meritOrder: readonly PreparedBatch[];
}

export interface SiteDispatch {
  /** active batches in merit order */
  readonly batches: BatchMonth[];
  readonly miningMw: Decimal;
  /** sum of running MW * uptime (demand-response base) */
  readonly miningUptimeMw: Decimal;
  readonly miningEnergyMwh: Decimal;
  readonly effectiveEhs: Decimal;
  readonly btcMined: Decimal;
  readonly decisions: Decision[];
}

/**
 * Revenue per MWh a running batch earns: USD per effective EH/s per month / (hours * J/TH *
 * (1 + overhead)). Uptime and demand response scale hashrate and energy alike, so they cancel.
 */
export function revenuePerMwh(usdPerEhsHour: Decimal, b: PreparedBatch): Decimal {
  return usdPerEhsHour.times(b.ehsPerMw);
}

/**
 * Step 4 for one batch: BTC mined by `runningMw` of it. Effective EH/s = nameplate EH/s *
 * (running MW / facility MW) * uptime * (1 - curtail); BTC = effective EH/s * btcPerEhs,
 * one posting rounded to the satoshi (ROUND_HALF_EVEN).
 */
export function batchOutput(
  b: PreparedBatch,
  runningMw: Decimal,
  curtail: Decimal,
  btcPerEhs: Decimal,
  full?: FullRun,
): { effectiveEhs: Decimal; btc: Decimal } {
  if (runningMw.isZero() || b.facilityMw.isZero()) return { effectiveEhs: ZERO, btc: ZERO };
  let ehs: Decimal;
  if (full !== undefined && runningMw === b.facilityMw) ehs = full.effectiveEhs;
  else {
    ehs = runningMw.eq(b.facilityMw) ? b.uptimeEhs : b.uptimeEhs.times(runningMw).div(b.facilityMw);
    if (!curtail.isZero()) ehs = ehs.times(ONE.minus(curtail));
  }
  return { effectiveEhs: ehs, btc: roundBtc(ehs.times(btcPerEhs)) };
}

/**
 * Dispatch one site (spec 4.3). Active batches in merit order each take what fits of the
 * remaining mining MW (a fraction of units when only part fits). With `economic` dispatch a
 * batch's MW run only while revenue/MWh >= marginal cost/MWh: below the take-or-pay volume
 * (hosting energy counted first) the marginal cost is the resale price (0 without resale),
 * above it the power price, so a batch may run partly and stop where the marginal rises.
 * `always_on` runs whatever fits. Energy = running MW * hours * uptime * (1 - curtail).
 */
export function dispatchSite(input: SiteDispatchInput): SiteDispatch {
  const { month, curtail, mode } = input;
  const cheapMarginal = input.resaleUsdPerMwh ?? ZERO;
  const price = input.priceUsdPerMwh;
  const usdPerEhsHour = input.usdPerEhsHour;
  const withDemandResponse = !curtail.isZero();
  let remainingMw = input.availableMw;
  let cheapLeft = dmax(ZERO, input.takeOrPayMwh.minus(input.hostingEnergyMwh));
  let miningMw = ZERO;
  let miningUptimeMw = ZERO;
  let miningEnergy = ZERO;
  let effectiveEhs = ZERO;
  let btcMined = ZERO;
  const rows: BatchMonth[] = [];
  const decisions: Decision[] = [];
  let rank = 0;
  for (const b of input.meritOrder) {
    if (!isBatchActive(b.batch, month)) continue;
    rank++;
    const full = fullRun(b, input.hours);
    // `fitMw === b.facilityMw` (the same object) means the whole batch fits; identity
    // checks below only skip arithmetic whose result is then known exactly.
    const fitMw = remainingMw.gte(b.facilityMw) ? b.facilityMw : dmax(ZERO, remainingMw);
    const revenue = revenuePerMwh(usdPerEhsHour, b);
    // MWh drawn per MW running
    const energyPerMw = full.energyPerMw;
    // MW of this batch whose energy still falls below the take-or-pay volume
    let cheapMw = fitMw;
    if (!fitMw.isZero() && !energyPerMw.isZero()) {
      if (cheapLeft.isZero()) cheapMw = ZERO;
      else if (cheapLeft.lt(fitMw.times(energyPerMw))) cheapMw = dmin(fitMw, cheapLeft.div(energyPerMw));
    }
    let runningMw = ZERO;
    let marginal = cheapMw.isZero() ? price : cheapMarginal;
    if (mode === 'always_on') {
      runningMw = fitMw;
      if (fitMw.gt(cheapMw)) marginal = price;
    } else {
      if (cheapMw.gt(ZERO) && revenue.gte(cheapMarginal)) runningMw = cheapMw;
      if (runningMw.eq(cheapMw) && fitMw.gt(cheapMw)) {
        marginal = price;
        if (revenue.gte(price)) runningMw = fitMw;
      }
    }
    const capacityCut = fitMw === b.facilityMw ? ZERO : fitMw.isZero() ? b.facilityMw : b.facilityMw.minus(fitMw);
    const uneconomicCut = runningMw === fitMw ? ZERO : runningMw.isZero() ? fitMw : fitMw.minus(runningMw);
    let energy = ZERO;
    let output = { effectiveEhs: ZERO, btc: ZERO };
    if (!runningMw.isZero()) {
      const whole = runningMw === b.facilityMw;
      const uptimeMw = whole ? b.uptimeMw : runningMw.times(b.uptime);
      energy = whole ? full.energyMwh : runningMw.times(energyPerMw);
      output = batchOutput(b, runningMw, curtail, input.btcPerEhs, full);
      remainingMw = remainingMw.minus(runningMw);
      if (!cheapLeft.isZero()) cheapLeft = dmax(ZERO, cheapLeft.minus(energy));
      miningMw = add(miningMw, runningMw);
      if (withDemandResponse) miningUptimeMw = add(miningUptimeMw, uptimeMw);
      miningEnergy = add(miningEnergy, energy);
      effectiveEhs = add(effectiveEhs, output.effectiveEhs);
      btcMined = add(btcMined, output.btc);
    }
    if (!capacityCut.isZero()) {
      decisions.push(decide.curtailCapacity(b.batch.id, input.siteId, fitMw, b.facilityMw, input.availableMw));
    }
    if (!uneconomicCut.isZero()) {
      decisions.push(decide.curtailUneconomic(b.batch.id, input.siteId, runningMw, fitMw, revenue, marginal));
    }
    rows.push({
      batch: b.batch.id,
      site: input.siteId,
      units_running: runningMw === b.facilityMw
        ? b.batch.units
        : runningMw.isZero() || b.facilityMw.isZero()
          ? ZERO
          : b.batch.units.times(runningMw).div(b.facilityMw),
      mining_mw: runningMw,
      fleet_hashrate_ehs: output.effectiveEhs,
      btc_mined: output.btc,
      revenue_usd_per_mwh: revenue,
      marginal_cost_usd_per_mwh: marginal,
      merit_rank: rank,
      facility_mw: b.facilityMw,
      curtailed_capacity_mw: capacityCut,
      curtailed_uneconomic_mw: uneconomicCut,
      energy_mwh: energy,
    });
  }
  return {
    batches: rows,
    miningMw,
    miningUptimeMw,
    miningEnergyMwh: miningEnergy,
    effectiveEhs,
    btcMined,
    decisions,
  };
}
