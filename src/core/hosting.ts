/**
 * AI/HPC hosting contracts (spec 3 `hosting[]`, spec 4 steps 2 and 6): reserved MW,
 * construction capex, colocation rent and gpu_cloud revenue, energy drawn, opex.
 * USD results are postings rounded to cents (ROUND_HALF_EVEN) when created; MW and MWh are
 * exact. Outflows (opex, lease, capex) are positive numbers.
 */
import { Decimal, HUNDRED, ONE, ZERO, pct, roundUsd } from './decimal.js';
import type { Month } from './month.js';
import type { HostingContract } from './plan.js';
import type { HostingMonth } from './results.js';

const KW_PER_MW = new Decimal(1000);

export interface PreparedContract {
  readonly contract: HostingContract;
  /** contracted IT MW: colocation it_mw; gpu_cloud gpus * kw_per_gpu / 1000 */
  readonly itMw: Decimal;
  /** reserved facility MW: IT MW * pue */
  readonly facilityMw: Decimal;
  /** construction capex before tenant funding, rounded to cents */
  readonly capexGrossUsd: Decimal;
  /** tenant-funded share of it, rounded to cents */
  readonly tenantFundedUsd: Decimal;
  /** escalation factor by completed contract year (colocation), filled on demand */
  readonly escalation: Decimal[];
  /** colocation: MWh drawn per billed IT MW-hour = load factor * pue; gpu_cloud: pue */
  readonly energyPerItMwHour: Decimal;
  /** contract opex per service month (USD cents, positive): per IT MW and per GPU */
  readonly opexUsd: Decimal;
  /** gpu_cloud lease per service month (USD cents, positive) */
  readonly leaseUsd: Decimal;
}

/** IT MW of a contract (MW at the servers). Exact. */
export function contractItMw(c: HostingContract): Decimal {
  return c.kind === 'colocation' ? c.itMw : c.gpus.times(c.kwPerGpu).div(KW_PER_MW);
}

/** Facility MW a contract reserves at its site: IT MW * pue. Exact. */
export function reservedFacilityMw(c: HostingContract): Decimal {
  return contractItMw(c).times(c.pue);
}

/** Per-contract constants, computed once per run. */
export function prepareContract(c: HostingContract): PreparedContract {
  const itMw = contractItMw(c);
  const capexGrossUsd = roundUsd(
    c.kind === 'colocation' ? itMw.times(c.capexUsdPerMw) : c.gpus.times(c.capexUsdPerGpu),
  );
  const tenantFundedUsd =
    c.kind === 'colocation' ? roundUsd(capexGrossUsd.times(pct(c.tenantFundedCapexPct))) : ZERO;
  return {
    contract: c,
    itMw,
    facilityMw: reservedFacilityMw(c),
    capexGrossUsd,
    tenantFundedUsd,
    escalation: [ONE],
    energyPerItMwHour: c.kind === 'colocation' ? pct(c.loadFactorPct).times(c.pue) : c.pue,
    opexUsd: roundUsd(
      c.kind === 'colocation'
        ? itMw.times(c.opexUsdPerMwMonth)
        : itMw.times(c.opexUsdPerMwMonth).plus(c.gpus.times(c.opexUsdPerGpuMonth)),
    ),
    leaseUsd: c.kind === 'gpu_cloud' ? roundUsd(c.gpus.times(c.leaseUsdPerGpuMonth)) : ZERO,
  };
}

/** True from conversion_start through the last term month: the facility MW are reserved. */
export function isReserved(c: HostingContract, month: Month): boolean {
  return month >= c.conversionStart && month <= c.termEnd;
}

/** True in service months: service_start .. service_start + term - 1. */
export function isInService(c: HostingContract, month: Month): boolean {
  return month >= c.serviceStart && month <= c.termEnd;
}

/**
 * Share of `total` (USD, already in cents) falling in month `index` (0-based) of `n` months:
 * total / n rounded to cents (ROUND_HALF_EVEN) in each month but the last, which takes the
 * remainder, so the months sum to `total` exactly. n <= 1 puts everything in month 0.
 */
export function spreadEvenly(total: Decimal, n: number, index: number): Decimal {
  if (n <= 1) return index === 0 ? total : ZERO;
  if (index < 0 || index >= n) return ZERO;
  const each = roundUsd(total.div(n));
  return index === n - 1 ? total.minus(each.times(n - 1)) : each;
}

/**
 * Construction capex of the contract in `month` (USD, cents, positive outflows). The net
 * total (gross - tenant-funded, each rounded to cents) is spread evenly over
 * conversion_start .. service_start - 1 (all in conversion_start when the two are equal):
 * total / n rounded to cents each month, the remainder in the last. The tenant-funded total
 * is spread the same way; gross of the month = net + tenant-funded.
 */
export function constructionCapex(
  p: PreparedContract,
  month: Month,
): { gross: Decimal; tenant: Decimal; net: Decimal } {
  const c = p.contract;
  const n = Math.max(1, c.serviceStart - c.conversionStart);
  const index = month - c.conversionStart;
  if (index < 0 || index >= n) return { gross: ZERO, tenant: ZERO, net: ZERO };
  const net = spreadEvenly(p.capexGrossUsd.minus(p.tenantFundedUsd), n, index);
  const tenant = spreadEvenly(p.tenantFundedUsd, n, index);
  return { gross: net.plus(tenant), tenant, net };
}

/**
 * Colocation ramp share in percent for a service month: the last step whose month <= month;
 * before the first step's month the first step's share applies (the first step is at
 * service_start); 100 without a ramp.
 */
export function rampPct(steps: readonly { month: Month; pct: Decimal }[], month: Month): Decimal {
  if (steps.length === 0) return HUNDRED;
  let share = steps[0]!.pct;
  for (const step of steps) {
    if (step.month <= month) share = step.pct;
    else break;
  }
  return share;
}

/**
 * Escalation factor (1 + escalator/100)^years, years = completed contract years at `month`:
 * floor((month - service_start) / 12). It steps on each anniversary of service_start.
 */
export function escalationFactor(p: PreparedContract, month: Month): Decimal {
  const c = p.contract;
  if (c.kind !== 'colocation') return ONE;
  const years = Math.max(0, Math.floor((month - c.serviceStart) / 12));
  const table = p.escalation;
  if (table.length <= years) {
    const step = ONE.plus(pct(c.escalatorPctPerYear));
    while (table.length <= years) table.push(table[table.length - 1]!.times(step));
  }
  return table[years]!;
}

export interface HostingInputs {
  readonly month: Month;
  readonly hours: Decimal;
  /** the site's power price this month, USD/MWh (pass-through reimbursement) */
  readonly sitePriceUsdPerMwh: Decimal;
  /** gpu_cloud only: rate USD per GPU-hour and utilization percent this month */
  readonly rateUsdPerGpuHour: Decimal;
  readonly utilizationPct: Decimal;
  /** pct(utilizationPct): the share as a fraction */
  readonly utilization: Decimal;
}

/**
 * One contract's month, for a month inside its conversion-to-term window.
 * Colocation: billed IT MW = it_mw * ramp; rent = billed IT MW * 1000 * rent per kW-month *
 * escalation; energy = billed IT MW * load factor * pue * hours; pass-through reimbursement =
 * energy * site price; opex = it_mw * opex per MW-month (contracted MW).
 * gpu_cloud: revenue = gpus * hours * utilization * rate; energy = IT MW * pue * hours *
 * utilization; opex = IT MW * opex per MW-month + gpus * opex per GPU-month; lease = gpus *
 * lease per GPU-month. Every USD amount is one posting rounded to cents.
 */
export function hostingMonth(p: PreparedContract, input: HostingInputs): HostingMonth {
  const c = p.contract;
  const capex = constructionCapex(p, input.month);
  const base = {
    contract: c.id,
    site: c.siteId,
    kind: c.kind,
    reserved_mw: p.facilityMw,
    capex_gross_usd: capex.gross,
    tenant_funded_usd: capex.tenant,
    capex_usd: capex.net,
  };
  if (!isInService(c, input.month)) {
    return {
      ...base,
      phase: 'construction',
      billed_it_mw: ZERO,
      share_pct: null,
      rate_usd: null,
      energy_mwh: ZERO,
      revenue_usd: ZERO,
      pass_through_usd: ZERO,
      opex_usd: ZERO,
      lease_usd: ZERO,
    };
  }
  if (c.kind === 'colocation') {
    const share = rampPct(c.ramp, input.month);
    const billedItMw = share.eq(HUNDRED) ? p.itMw : p.itMw.times(share).div(HUNDRED);
    const rent = c.rentUsdPerKwMonth.times(escalationFactor(p, input.month));
    const energy = billedItMw.times(p.energyPerItMwHour).times(input.hours);
    return {
      ...base,
      phase: 'service',
      billed_it_mw: billedItMw,
      share_pct: share,
      rate_usd: rent,
      energy_mwh: energy,
      revenue_usd: roundUsd(billedItMw.times(KW_PER_MW).times(rent)),
      pass_through_usd:
        c.power === 'pass_through' ? roundUsd(energy.times(input.sitePriceUsdPerMwh)) : ZERO,
      opex_usd: p.opexUsd,
      lease_usd: ZERO,
    };
  }
  const utilization = input.utilization;
  return {
    ...base,
    phase: 'service',
    billed_it_mw: p.itMw,
    share_pct: input.utilizationPct,
    rate_usd: input.rateUsdPerGpuHour,
    energy_mwh: p.facilityMw.times(input.hours).times(utilization),
    revenue_usd: roundUsd(
      c.gpus.times(input.hours).times(utilization).times(input.rateUsdPerGpuHour),
    ),
    pass_through_usd: ZERO,
    opex_usd: p.opexUsd,
    lease_usd: p.leaseUsd,
  };
}
