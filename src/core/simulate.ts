/**
 * The month loop: `simulate(plan)` folds the month step of spec section 4 over explicit
 * state (cash, BTC, cost basis, chain height, block carry), in the documented order:
 * 1 market, 2 reserve, 3 dispatch, 4 mining output, 5 power bill, 6 hosting, 7 costs and
 * debt, 8 treasury, 9 gap; then the conservation invariants. Pure and deterministic: no
 * clock, no randomness, arrays only (no Map iteration).
 *
 * Sign convention of the monthly metrics: revenues, costs (power_cost, opex, capex,
 * interest) and trade amounts are positive numbers; debt_flows_usd and other_flows_usd are
 * signed cash effects (+ in, - out). USD postings are in cents, BTC postings in satoshis.
 */
import { Decimal, ZERO, add, pct, roundUsd, sub } from './decimal.js';
import { subsidyBtc } from './chain.js';
import {
  debtMonth,
  debtMonthlyInterestUsd,
  debtOutstandingAfter,
  demandChargeUsd,
  isRecurringActive,
  siteOpexUsd,
} from './costs.js';
import * as decide from './decisions.js';
import { dispatchSite, meritOrder, prepareBatch, type PreparedBatch } from './dispatch.js';
import { hostingMonth, isReserved, prepareContract, type PreparedContract } from './hosting.js';
import { assertBtcConserved, assertCashConserved, assertSiteMw } from './invariants.js';
import { marketMonth, poolKeep } from './market.js';
import { daysInMonth, type Month } from './month.js';
import type { OneOffFlow, Plan, ScheduledTrade, Site } from './plan.js';
import { powerBill } from './power-bill.js';
import type {
  BatchMonth,
  CashLine,
  Decision,
  HostingMonth,
  MonthResult,
  Simulation,
  SiteMonth,
} from './results.js';
import { seriesTable } from './series-table.js';
import { summarize } from './summary.js';
import {
  fundingGapOf,
  runTreasury,
  treasuryPriceFactors,
  type TreasuryPriceFactors,
  type TreasuryState,
} from './treasury.js';

interface PreparedSite {
  readonly site: Site;
  readonly merit: readonly PreparedBatch[];
  /** the site's contracts with their position in plan.hosting */
  readonly contracts: readonly { readonly pc: PreparedContract; readonly index: number }[];
  readonly price: readonly Decimal[];
  readonly resale: readonly Decimal[] | null;
  readonly takeOrPay: Decimal;
  /** site opex, every month */
  readonly opex: UsdOutflow;
  readonly demandChargeUsd: Decimal;
  readonly curtail: Decimal;
  readonly curtailCredit: Decimal;
}

interface Prepared {
  readonly plan: Plan;
  readonly sites: readonly PreparedSite[];
  readonly capacityMw: Decimal;
  readonly contracts: readonly PreparedContract[];
  /** gpu_cloud series by contract position (null for colocation) */
  readonly gpuRate: readonly (readonly Decimal[] | null)[];
  readonly gpuUtil: readonly (readonly Decimal[] | null)[];
  /** gpuUtil as fractions (pct of each value) */
  readonly gpuUtilFraction: readonly (readonly Decimal[] | null)[];
  readonly price: readonly Decimal[];
  readonly network: readonly Decimal[];
  readonly fees: readonly Decimal[];
  readonly blocksPerDay: readonly Decimal[];
  readonly sellPct: readonly Decimal[];
  /** sellPct as fractions */
  readonly sellFraction: readonly Decimal[];
  readonly poolKeep: Decimal;
  readonly treasuryFactors: TreasuryPriceFactors;
  /** monthly interest by debt position (charged in the months debtMonth says) */
  readonly debtInterest: readonly UsdOutflow[];
  /** hours of each month as a Decimal (one shared Decimal per month length) */
  readonly hours: readonly Decimal[];
  /** G&A and each recurring cost as monthly outflows (rounded once per distinct value) */
  readonly gAndAOutflow: readonly UsdOutflow[];
  readonly recurringOutflow: readonly (readonly UsdOutflow[])[];
  /** by month offset */
  readonly online: readonly PreparedBatch[][];
  readonly retired: readonly PreparedBatch[][];
  readonly oneOffs: readonly OneOffFlow[][];
  readonly scheduled: readonly ScheduledTrade[][];
}

/** A cash outflow in USD (rounded to cents) and its cash line, the negation: made once per plan. */
interface UsdOutflow {
  readonly amount: Decimal;
  readonly posting: Decimal;
}

function outflow(amount: Decimal): UsdOutflow {
  return { amount, posting: amount.negated() };
}

/** The outflow of a monthly series value: rounded to cents. */
function seriesOutflow(value: Decimal): UsdOutflow {
  return outflow(roundUsd(value));
}

function byOffset<T>(months: number): T[][] {
  return Array.from({ length: months }, () => [] as T[]);
}

/**
 * f of every value of a month table. A value that is the same object as the month before's
 * gets the same result, so a constant series (one shared Decimal) costs one call.
 */
function mapRepeats<T>(table: readonly Decimal[], f: (value: Decimal) => T): T[] {
  const out = new Array<T>(table.length);
  for (let i = 0; i < table.length; i++) {
    out[i] = i > 0 && table[i] === table[i - 1] ? out[i - 1]! : f(table[i]!);
  }
  return out;
}

/** Hours of months first .. first + count - 1 as Decimals, one per month length. */
function monthHours(first: Month, count: number): Decimal[] {
  const byLength = new Map<number, Decimal>();
  return Array.from({ length: count }, (_, i) => {
    const hours = daysInMonth((first + i) as Month) * 24;
    let d = byLength.get(hours);
    if (d === undefined) {
      d = new Decimal(hours);
      byLength.set(hours, d);
    }
    return d;
  });
}

/** Per-plan constants: series tables, merit orders, batch MW, events by month. */
function prepare(plan: Plan): Prepared {
  const n = plan.months;
  const table = (s: Parameters<typeof seriesTable>[0]) => seriesTable(s, plan.start, n);
  const batches = plan.fleet.map((b) => prepareBatch(b, plan.sites[b.siteIndex]!));
  const contracts = plan.hosting.map(prepareContract);
  const sites = plan.sites.map((site, index): PreparedSite => {
    const dr = site.power.demandResponse;
    return {
      site,
      merit: meritOrder(batches.filter((b) => b.batch.siteIndex === index)),
      contracts: contracts
        .map((pc, ci) => ({ pc, index: ci }))
        .filter((c) => c.pc.contract.siteIndex === index),
      price: table(site.power.priceUsdPerMwh),
      resale: site.power.resaleUsdPerMwh === null ? null : table(site.power.resaleUsdPerMwh),
      takeOrPay: site.capacityMw.times(pct(site.power.takeOrPayPct)),
      opex: outflow(siteOpexUsd(site)),
      demandChargeUsd: demandChargeUsd(site),
      curtail: dr === null ? ZERO : pct(dr.curtailPct),
      curtailCredit: dr === null ? ZERO : dr.creditUsdPerMwh,
    };
  });
  const online = byOffset<PreparedBatch>(n);
  const retired = byOffset<PreparedBatch>(n);
  for (const b of batches) {
    const on = b.batch.online - plan.start;
    if (on >= 0 && on < n) online[on]!.push(b);
    if (b.batch.retire !== null) {
      const off = b.batch.retire - plan.start;
      if (off > 0 && off < n && b.batch.retire > b.batch.online) retired[off]!.push(b);
    }
  }
  const oneOffs = byOffset<OneOffFlow>(n);
  for (const f of plan.costs.oneOff) {
    const at = f.month - plan.start;
    if (at >= 0 && at < n) oneOffs[at]!.push(f);
  }
  const scheduled = byOffset<ScheduledTrade>(n);
  for (const t of plan.treasury.scheduled) {
    const at = t.month - plan.start;
    if (at >= 0 && at < n) scheduled[at]!.push(t);
  }
  const gpuUtil = plan.hosting.map((c) => (c.kind === 'gpu_cloud' ? table(c.utilizationPct) : null));
  const sellPct = table(plan.treasury.policy.sellProductionPct);
  return {
    plan,
    sites,
    capacityMw: plan.sites.reduce((sum, s) => sum.plus(s.capacityMw), ZERO),
    contracts,
    gpuRate: plan.hosting.map((c) => (c.kind === 'gpu_cloud' ? table(c.rateUsdPerGpuHour) : null)),
    gpuUtil,
    gpuUtilFraction: gpuUtil.map((u) => (u === null ? null : mapRepeats(u, pct))),
    price: table(plan.market.btcPriceUsd),
    network: table(plan.market.networkHashrateEhs),
    fees: table(plan.market.feesBtcPerBlock),
    blocksPerDay: table(plan.market.blocksPerDay),
    sellPct,
    sellFraction: mapRepeats(sellPct, pct),
    poolKeep: poolKeep(plan.mining.poolFeePct),
    treasuryFactors: treasuryPriceFactors(plan.treasury.policy),
    debtInterest: plan.debt.map((d) => outflow(debtMonthlyInterestUsd(d))),
    hours: monthHours(plan.start, n),
    gAndAOutflow: mapRepeats(table(plan.costs.gAndAUsdPerMonth), seriesOutflow),
    recurringOutflow: plan.costs.recurring.map((r) => mapRepeats(table(r.usdPerMonth), seriesOutflow)),
    online,
    retired,
    oneOffs,
    scheduled,
  };
}

interface LoopState {
  readonly treasury: TreasuryState;
  readonly height: number;
  readonly blockCarry: Decimal;
}

/**
 * Simulates every month of the plan and summarizes. Throws InvariantError (an internal
 * error) if conservation of cash, BTC or per-site MW ever fails.
 */
export function simulate(plan: Plan): Simulation {
  const prepared = prepare(plan);
  let state: LoopState = {
    treasury: {
      cashUsd: plan.treasury.cashUsd,
      btc: plan.treasury.btc,
      costBasisUsd: roundUsd(plan.treasury.btc.times(plan.treasury.costBasisUsdPerBtc)),
    },
    height: plan.market.blockHeight,
    blockCarry: ZERO,
  };
  const months: MonthResult[] = [];
  for (let i = 0; i < plan.months; i++) {
    const step = simulateMonth(prepared, i, state);
    months.push(step.result);
    state = step.state;
  }
  const debtEnd = plan.debt.reduce((sum, d) => sum.plus(debtOutstandingAfter(d, plan.end)), ZERO);
  return { months, summary: summarize(months, plan.discountRatePct, debtEnd) };
}

function simulateMonth(p: Prepared, i: number, state: LoopState): { result: MonthResult; state: LoopState } {
  const plan = p.plan;
  const month = (plan.start + i) as Month;
  const days = daysInMonth(month);
  const hours = days * 24;
  const hoursD = p.hours[i]!;
  const decisions: Decision[] = [];
  const opening = state.treasury;
  let cash = opening.cashUsd;

  // 1. Market
  const market = marketMonth({
    days,
    priceUsd: p.price[i]!,
    networkEhs: p.network[i]!,
    feesBtcPerBlock: p.fees[i]!,
    blocksPerDay: p.blocksPerDay[i]!,
    height: state.height,
    blockCarry: state.blockCarry,
    poolKeep: p.poolKeep,
  });
  const price = market.priceUsd;
  for (const h of market.trace.halving_heights) decisions.push(decide.halving(h, subsidyBtc(h)));

  for (const b of p.retired[i]!) {
    decisions.push(decide.batchRetired(b.batch.id, b.batch.siteId, b.facilityMw));
  }
  const cashLines: CashLine[] = [];
  for (const b of p.online[i]!) {
    const capex = b.batch.capexUsd === null ? null : roundUsd(b.batch.capexUsd);
    if (i > 0 || capex !== null) decisions.push(decide.batchOnline(b.batch.id, b.batch.siteId, b.facilityMw, capex));
  }

  // 2. Reserve, and the hosting month of every contract in its window (energy feeds dispatch)
  const siteMonths: SiteMonth[] = [];
  const batchMonths: BatchMonth[] = [];
  const hostingMonths: HostingMonth[] = [];
  let miningMwTotal = ZERO;
  let hostingMwTotal = ZERO;
  let idleMwTotal = ZERO;
  let fleetEhs = ZERO;
  let btcMined = ZERO;
  let hostingRevenue = ZERO;
  let powerCost = ZERO;
  let powerCredits = ZERO;
  let opex = ZERO;
  let capex = ZERO;
  let miningEnergyCost = ZERO;

  for (const ps of p.sites) {
    const site = ps.site;
    const sitePrice = ps.price[i]!;
    let reserved = ZERO;
    let hostingEnergy = ZERO;
    let siteHostingRevenue = ZERO;
    for (const { pc, index: ci } of ps.contracts) {
      const c = pc.contract;
      if (!isReserved(c, month)) continue;
      const line = hostingMonth(pc, {
        month,
        hours: hoursD,
        sitePriceUsdPerMwh: sitePrice,
        rateUsdPerGpuHour: p.gpuRate[ci]?.[i] ?? ZERO,
        utilizationPct: p.gpuUtil[ci]?.[i] ?? ZERO,
        utilization: p.gpuUtilFraction[ci]?.[i] ?? ZERO,
      });
      hostingMonths.push(line);
      reserved = add(reserved, pc.facilityMw);
      hostingEnergy = add(hostingEnergy, line.energy_mwh);
      if (month === c.conversionStart) {
        decisions.push(decide.hostingConversionStart(c.id, site.id, pc.facilityMw, c.serviceStart));
      }
      if (month === c.serviceStart) decisions.push(decide.hostingServiceStart(c.id, site.id, c.termEnd));
      if (month === c.termEnd) decisions.push(decide.hostingTermEnd(c.id, site.id, pc.facilityMw));
      // 6. Hosting postings (independent of dispatch; posted here, reported in step 6's metrics).
      // add/sub are plus/minus without the work for postings that are 0 this month.
      siteHostingRevenue = add(siteHostingRevenue, add(line.revenue_usd, line.pass_through_usd));
      opex = add(add(opex, line.opex_usd), line.lease_usd);
      capex = add(capex, line.capex_usd);
      cash = add(cash, line.revenue_usd);
      cash = add(cash, line.pass_through_usd);
      cash = sub(cash, line.opex_usd);
      cash = sub(cash, line.lease_usd);
      cash = sub(cash, line.capex_usd);
    }
    hostingRevenue = add(hostingRevenue, siteHostingRevenue);
    const available = site.capacityMw.minus(reserved);

    // 3-4. Dispatch and mining output
    const takeOrPayMwh = ps.takeOrPay.isZero() ? ZERO : ps.takeOrPay.times(hoursD);
    const dispatch = dispatchSite({
      siteId: site.id,
      month,
      hours,
      availableMw: available,
      priceUsdPerMwh: sitePrice,
      resaleUsdPerMwh: ps.resale === null ? null : ps.resale[i]!,
      takeOrPayMwh,
      hostingEnergyMwh: hostingEnergy,
      curtail: ps.curtail,
      usdPerEhsHour: market.usdPerEhsHour,
      btcPerEhs: market.trace.btc_per_ehs,
      mode: plan.mining.dispatch,
      meritOrder: ps.merit,
    });
    for (const d of dispatch.decisions) decisions.push(d);
    for (const b of dispatch.batches) batchMonths.push(b);

    // 5. Power bill
    const bill = powerBill({
      priceUsdPerMwh: sitePrice,
      miningEnergyMwh: dispatch.miningEnergyMwh,
      hostingEnergyMwh: hostingEnergy,
      takeOrPayMwh,
      demandChargeUsd: ps.demandChargeUsd,
      resaleUsdPerMwh: ps.resale === null ? null : ps.resale[i]!,
      miningUptimeMw: dispatch.miningUptimeMw,
      hours,
      curtail: ps.curtail,
      curtailCreditUsdPerMwh: ps.curtailCredit,
    });
    cash = sub(cash, bill.energy_charge_usd);
    cash = sub(cash, bill.demand_charge_usd);
    cash = add(cash, bill.resale_credit_usd);
    cash = add(cash, bill.demand_response_credit_usd);
    powerCost = add(powerCost, bill.total_usd);
    const credits = add(bill.resale_credit_usd, bill.demand_response_credit_usd);
    powerCredits = add(powerCredits, credits);

    // 7. Site opex
    if (!ps.opex.amount.isZero()) {
      cash = cash.minus(ps.opex.amount);
      cashLines.push({ kind: 'site_opex', subject: site.id, amount_usd: ps.opex.posting });
    }
    opex = add(opex, ps.opex.amount);

    // capacity - reserved - mining; `available` is capacity.minus(reserved)
    const idle = available.minus(dispatch.miningMw);
    assertSiteMw(month, site.id, site.capacityMw, dispatch.miningMw, reserved, idle, dispatch.batches.map((b) => b.mining_mw));
    const siteEnergyCost = dispatch.miningEnergyMwh.times(sitePrice);
    miningEnergyCost = add(miningEnergyCost, siteEnergyCost);
    miningMwTotal = add(miningMwTotal, dispatch.miningMw);
    hostingMwTotal = add(hostingMwTotal, reserved);
    idleMwTotal = add(idleMwTotal, idle);
    fleetEhs = add(fleetEhs, dispatch.effectiveEhs);
    btcMined = add(btcMined, dispatch.btcMined);
    siteMonths.push({
      site: site.id,
      capacity_mw: site.capacityMw,
      mining_mw: dispatch.miningMw,
      hosting_mw: reserved,
      idle_mw: idle,
      fleet_hashrate_ehs: dispatch.effectiveEhs,
      btc_mined: dispatch.btcMined,
      mining_energy_mwh: dispatch.miningEnergyMwh,
      hosting_energy_mwh: hostingEnergy,
      power_cost_usd: bill.total_usd,
      power_credits_usd: credits,
      hosting_revenue_usd: siteHostingRevenue,
      available_mw: available,
      opex_usd: ps.opex.amount,
      mining_energy_cost_usd: siteEnergyCost,
      power_bill: bill,
    });
  }

  // 7. Costs and debt
  const gAndAOut = p.gAndAOutflow[i]!;
  const gAndA = gAndAOut.amount;
  if (!gAndA.isZero()) {
    cash = cash.minus(gAndA);
    cashLines.push({ kind: 'g_and_a', subject: 'g_and_a', amount_usd: gAndAOut.posting });
  }
  opex = add(opex, gAndA);
  for (let ri = 0; ri < plan.costs.recurring.length; ri++) {
    const r = plan.costs.recurring[ri]!;
    if (!isRecurringActive(r, month)) continue;
    const out = p.recurringOutflow[ri]![i]!;
    cash = sub(cash, out.amount);
    opex = add(opex, out.amount);
    cashLines.push({ kind: 'recurring', subject: r.id, amount_usd: out.posting });
  }
  let otherFlows = ZERO;
  for (const f of p.oneOffs[i]!) {
    const amount = roundUsd(f.amountUsd);
    cash = add(cash, amount);
    otherFlows = add(otherFlows, amount);
    cashLines.push({ kind: 'one_off', subject: f.id, amount_usd: amount });
  }
  for (const b of p.online[i]!) {
    if (b.batch.capexUsd === null) continue;
    const amount = roundUsd(b.batch.capexUsd);
    cash = sub(cash, amount);
    capex = add(capex, amount);
    cashLines.push({ kind: 'asic_capex', subject: b.batch.id, amount_usd: amount.negated() });
  }
  // debt in the spec's order: interest, principal repaid at maturity, principal in at issue
  let interest = ZERO;
  let debtFlows = ZERO;
  const flows = plan.debt.map((d, di) => ({ d, di, f: debtMonth(d, month, plan.start, p.debtInterest[di]!.amount) }));
  for (const { d, di, f } of flows) {
    if (f.interestUsd.isZero()) continue;
    cash = cash.minus(f.interestUsd);
    interest = add(interest, f.interestUsd);
    cashLines.push({ kind: 'interest', subject: d.id, amount_usd: p.debtInterest[di]!.posting });
  }
  for (const { d, f } of flows) {
    if (f.principalOutUsd.isZero()) continue;
    const amount = roundUsd(f.principalOutUsd);
    cash = cash.minus(amount);
    debtFlows = debtFlows.minus(amount);
    cashLines.push({ kind: 'debt_repaid', subject: d.id, amount_usd: amount.negated() });
    decisions.push(decide.debtMaturity(d.id, amount));
  }
  for (const { d, f } of flows) {
    if (f.principalInUsd.isZero()) continue;
    const amount = roundUsd(f.principalInUsd);
    cash = cash.plus(amount);
    debtFlows = debtFlows.plus(amount);
    cashLines.push({ kind: 'debt_issued', subject: d.id, amount_usd: amount });
    decisions.push(decide.debtIssued(d.id, amount, d.ratePct, d.maturity));
  }

  // 8-9. Treasury and gap
  const miningRevenue = roundUsd(btcMined.times(price));
  const treasury = runTreasury({
    state: { cashUsd: cash, btc: opening.btc, costBasisUsd: opening.costBasisUsd },
    minedBtc: btcMined,
    minedValueUsd: miningRevenue,
    priceUsd: price,
    policy: plan.treasury.policy,
    sellProductionPct: p.sellPct[i]!,
    sellProductionFraction: p.sellFraction[i]!,
    priceFactors: p.treasuryFactors,
    scheduled: p.scheduled[i]!,
  });
  for (const d of treasury.decisions) decisions.push(d);
  const closing = treasury.state;

  assertCashConserved(
    month,
    opening.cashUsd,
    {
      hostingRevenueUsd: hostingRevenue,
      powerCostUsd: powerCost,
      opexUsd: opex,
      capexUsd: capex,
      interestUsd: interest,
      debtFlowsUsd: debtFlows,
      otherFlowsUsd: otherFlows,
      saleProceedsUsd: treasury.proceedsUsd,
      purchaseCostUsd: treasury.purchaseCostUsd,
    },
    closing.cashUsd,
  );
  assertBtcConserved(month, opening.btc, btcMined, treasury.boughtBtc, treasury.soldBtc, closing.btc);

  const result: MonthResult = {
    month,
    btc_price_usd: price,
    network_hashrate_ehs: market.networkEhs,
    block_reward_btc: market.blockRewardBtc,
    hashprice_usd_per_ph_day: market.hashpriceUsdPerPhDay,
    capacity_mw: p.capacityMw,
    mining_mw: miningMwTotal,
    hosting_mw: hostingMwTotal,
    idle_mw: idleMwTotal,
    fleet_hashrate_ehs: fleetEhs,
    btc_mined: btcMined,
    btc_sold: treasury.soldBtc,
    btc_bought: treasury.boughtBtc,
    btc_held: closing.btc,
    mining_revenue_usd: miningRevenue,
    hosting_revenue_usd: hostingRevenue,
    power_cost_usd: powerCost,
    power_credits_usd: powerCredits,
    opex_usd: opex,
    capex_usd: capex,
    interest_usd: interest,
    debt_flows_usd: debtFlows,
    other_flows_usd: otherFlows,
    sale_proceeds_usd: treasury.proceedsUsd,
    purchase_cost_usd: treasury.purchaseCostUsd,
    realized_gain_usd: treasury.realizedGainUsd,
    net_cash_flow_usd: closing.cashUsd.minus(opening.cashUsd),
    cash_usd: closing.cashUsd,
    btc_value_usd: roundUsd(closing.btc.times(price)),
    funding_gap_usd: fundingGapOf(closing.cashUsd),
    hashcost_usd_per_ph_day: fleetEhs.isZero()
      ? ZERO
      : miningEnergyCost.div(fleetEhs.times(1000 * days)),
    power_cost_per_btc_usd: btcMined.isZero() ? ZERO : miningEnergyCost.div(btcMined),
    decisions,
    sites: siteMonths,
    batches: batchMonths,
    market: market.trace,
    hosting_contracts: hostingMonths,
    cash_lines: cashLines,
    treasury: treasury.steps,
    opening: { cash_usd: opening.cashUsd, btc: opening.btc, cost_basis_usd: opening.costBasisUsd },
    closing: { cash_usd: closing.cashUsd, btc: closing.btc, cost_basis_usd: closing.costBasisUsd },
  };
  return {
    result,
    state: { treasury: closing, height: market.trace.height_next, blockCarry: market.blockCarry },
  };
}
