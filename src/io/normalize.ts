/**
 * Stage 3 of the loader: a schema-valid written plan -> the normalized `Plan`, with the
 * semantic rules the schema cannot express (month order, references, duplicate ids,
 * over-reserved sites, series forms, checks). Every problem becomes a diagnostic located
 * at the node that causes it; nothing throws.
 */
import { Decimal, ZERO } from '../core/decimal.js';
import { addMonths, formatMonth, parseMonth, type Month } from '../core/month.js';
import type {
  Batch,
  Check,
  Colocation,
  Debt,
  GpuCloud,
  HostingContract,
  Plan,
  RampStep,
  ScheduledTrade,
  Site,
} from '../core/plan.js';
import { reservedFacilityMw } from '../core/hosting.js';
import { constantSeries, type Series } from '../core/series.js';
import { METRIC_NAMES, isMetricName } from '../core/results.js';
import { didYouMean, error, warning, type Diagnostic, type SourceRange } from './diagnostic.js';
import { parseNumeral, type WrittenPlan } from './plan-schema.js';
import { nodeAt, entryAt, type LNode } from './yaml-tree.js';

type Path = readonly (string | number)[];
type Numeric = number | string;

export interface NormalizeResult {
  readonly plan: Plan | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** A schema-valid number as its Decimal (the schema parsed the same text: parseNumeral keeps it). */
const d = (x: Numeric): Decimal => parseNumeral(String(x)) ?? new Decimal(String(x));
const month = (text: string): Month => parseMonth(text)!;

/** Normalizes a schema-valid plan; `root` locates diagnostics; `scenarioNames` are the plan's scenarios (checks may name them). */
export function normalizePlan(written: WrittenPlan, root: LNode, file: string, scenarioNames: readonly string[]): NormalizeResult {
  return new Normalizer(written, root, file, scenarioNames).run();
}

class Normalizer {
  private readonly diagnostics: Diagnostic[] = [];
  private origin: Month = 0 as Month;

  constructor(
    private readonly w: WrittenPlan,
    private readonly root: LNode,
    private readonly file: string,
    private readonly scenarioNames: readonly string[],
  ) {}

  private at(path: Path, onKey = false): SourceRange | undefined {
    if (onKey) {
      const entry = entryAt(this.root, path);
      if (entry) return entry.keyRange;
    }
    return nodeAt(this.root, path)?.range ?? nodeAt(this.root, path.slice(0, -1))?.range;
  }

  private err(code: string, message: string, path: Path, hint?: string, onKey = false): void {
    this.diagnostics.push(error(code, message, this.file, this.at(path, onKey), hint));
  }

  private warn(code: string, message: string, path: Path, hint?: string): void {
    this.diagnostics.push(warning(code, message, this.file, this.at(path), hint));
  }

  run(): NormalizeResult {
    const w = this.w;
    const start = month(w.start);
    this.origin = start;
    const { months, end } = this.horizon(start);
    const market = {
      btcPriceUsd: this.series(w.market.btc_price_usd, ['market', 'btc_price_usd']),
      networkHashrateEhs: this.series(w.market.network_hashrate_ehs, ['market', 'network_hashrate_ehs']),
      feesBtcPerBlock: this.optionalSeries(w.market.fees_btc_per_block, ['market', 'fees_btc_per_block'], 0),
      blockHeight: Number(String(w.market.block_height)),
      blocksPerDay: this.optionalSeries(w.market.blocks_per_day, ['market', 'blocks_per_day'], 144),
    };
    const sites = this.sites();
    const siteIndex = new Map(sites.map((s, i) => [s.id, i]));
    const fleet = this.fleet(siteIndex, start, end);
    const hosting = this.hosting(siteIndex);
    this.checkReservations(sites, hosting);
    const treasury = this.treasury(start, end);
    const costs = this.costs(start, end);
    const debt = this.debt();
    const checks = this.checks(start, end);
    const plan: Plan = {
      version: 1,
      name: w.name,
      start,
      months,
      end,
      discountRatePct: d(w.discount_rate_pct ?? 0),
      market,
      mining: { poolFeePct: d(w.mining?.pool_fee_pct ?? 0), dispatch: w.mining?.dispatch ?? 'economic' },
      sites,
      fleet,
      hosting,
      treasury,
      costs,
      debt,
      checks,
    };
    const failed = this.diagnostics.some((x) => x.severity === 'error');
    return { plan: failed ? undefined : plan, diagnostics: this.diagnostics };
  }

  private horizon(start: Month): { months: number; end: Month } {
    const w = this.w;
    if (w.months !== undefined && w.end !== undefined) {
      this.err('horizon', 'give either `months` or `end`, not both', ['end'], 'remove one of them', true);
    }
    if (w.months !== undefined) {
      const months = Number(String(w.months));
      return { months, end: addMonths(start, months - 1) };
    }
    if (w.end !== undefined) {
      const end = month(w.end);
      const months = end - start + 1;
      if (end < start) {
        this.err('month-order', `end ${w.end} is before start ${w.start}`, ['end'], 'end is the last simulated month, inclusive');
      } else if (months > 600) {
        this.err('out-of-range', `the horizon ${w.start}..${w.end} is ${months} months; at most 600`, ['end']);
      }
      return { months: Math.max(1, months), end };
    }
    this.err('missing-key', 'the plan needs a horizon: `months` or `end`', ['start'], 'add e.g. `months: 36` after `start`', true);
    return { months: 1, end: start };
  }

  private series(input: unknown, path: Path): Series {
    const origin = this.origin;
    if (typeof input === 'number' || typeof input === 'string') return constantSeries(d(input), origin);
    const o = input as {
      start?: Numeric;
      growth_pct_per_year?: Numeric;
      growth_pct_per_month?: Numeric;
      points?: Record<string, Numeric>;
      overrides?: Record<string, Numeric>;
    };
    const overrides = new Map<Month, Decimal>();
    for (const [k, v] of Object.entries(o.overrides ?? {})) overrides.set(month(k), d(v));
    const hasGrowth = o.growth_pct_per_year !== undefined || o.growth_pct_per_month !== undefined;
    if (o.growth_pct_per_year !== undefined && o.growth_pct_per_month !== undefined) {
      this.err('series-form', 'a series grows per year or per month, not both', [...path, 'growth_pct_per_month'], 'keep one growth key', true);
    }
    if (o.points !== undefined) {
      if (o.start !== undefined || hasGrowth) {
        this.err('series-form', 'a series has either `points` or `start` (with optional growth), not both', [...path, 'points'], undefined, true);
      }
      const points: { month: Month; value: Decimal }[] = [];
      for (const [k, v] of Object.entries(o.points)) {
        const m = month(k);
        const prev = points[points.length - 1];
        if (prev && m <= prev.month) {
          this.err('month-order', `point ${k} is not after ${formatMonth(prev.month)}`, [...path, 'points', k], 'list points in increasing month order', true);
          continue;
        }
        points.push({ month: m, value: d(v) });
      }
      if (points.length === 0) {
        this.err('series-form', '`points` needs at least one month', [...path, 'points'], 'e.g. `points: { 2027-01: 90000 }`');
        return constantSeries(ZERO, origin);
      }
      return { kind: 'points', points, origin, overrides };
    }
    if (o.start === undefined) {
      this.err('series-form', 'a series object needs `start` or `points`', path, 'e.g. `{ start: 85000, growth_pct_per_year: 15 }`');
      return constantSeries(ZERO, origin);
    }
    if (!hasGrowth) return { kind: 'constant', value: d(o.start), origin, overrides };
    const perYear = o.growth_pct_per_year !== undefined;
    return {
      kind: 'growth',
      start: d(o.start),
      growthPct: d((perYear ? o.growth_pct_per_year : o.growth_pct_per_month)!),
      per: perYear ? 'year' : 'month',
      origin,
      overrides,
    };
  }

  private optionalSeries(input: unknown, path: Path, fallback: number): Series {
    return input === undefined ? constantSeries(new Decimal(fallback), this.origin) : this.series(input, path);
  }

  /** Index of a site id; references were checked in references.ts. */
  private siteRef(siteIndex: ReadonlyMap<string, number>, site: string): number {
    return siteIndex.get(site) ?? -1;
  }

  private sites(): Site[] {
    const written = this.w.sites;
    return written.map((s, i): Site => {
      const p = s.power;
      return {
        id: s.id,
        capacityMw: d(s.capacity_mw),
        miningOverheadPct: d(s.mining_overhead_pct ?? 0),
        opexUsdPerMwMonth: d(s.opex_usd_per_mw_month ?? 0),
        power: {
          priceUsdPerMwh: this.series(p.price_usd_per_mwh, ['sites', i, 'power', 'price_usd_per_mwh']),
          takeOrPayPct: d(p.take_or_pay_pct ?? 0),
          demandChargeUsdPerKwMonth: d(p.demand_charge_usd_per_kw_month ?? 0),
          resaleUsdPerMwh: p.resale_usd_per_mwh === undefined ? null : this.series(p.resale_usd_per_mwh, ['sites', i, 'power', 'resale_usd_per_mwh']),
          demandResponse: p.demand_response
            ? { curtailPct: d(p.demand_response.curtail_pct), creditUsdPerMwh: d(p.demand_response.credit_usd_per_mwh) }
            : null,
        },
      };
    });
  }

  private fleet(siteIndex: ReadonlyMap<string, number>, start: Month, end: Month): Batch[] {
    const written = this.w.fleet ?? [];
    return written.map((b, i): Batch => {
      const path = ['fleet', i];
      const online = b.online ? month(b.online) : start;
      const retire = b.retire ? month(b.retire) : null;
      if (retire !== null && retire <= online) {
        this.err('month-order', `retire ${b.retire} is not after online ${formatMonth(online)}`, [...path, 'retire'], '`retire` is the first month the batch no longer runs');
      } else if (online > end || (retire !== null && retire <= start)) {
        this.warn('batch-never-runs', `batch \`${b.id}\` never runs inside the horizon ${formatMonth(start)}..${formatMonth(end)}`, [...path, 'id'], 'check `online` and `retire`');
      }
      return {
        id: b.id,
        siteId: b.site,
        siteIndex: this.siteRef(siteIndex, b.site),
        model: b.model,
        units: d(b.units),
        hashrateThs: d(b.hashrate_ths),
        efficiencyJPerTh: d(b.efficiency_j_per_th),
        uptimePct: d(b.uptime_pct ?? 100),
        online,
        retire,
        capexUsd: b.capex_usd === undefined ? null : d(b.capex_usd),
        fileIndex: i,
      };
    });
  }

  private hosting(siteIndex: ReadonlyMap<string, number>): HostingContract[] {
    const written = this.w.hosting ?? [];
    return written.map((h, i): HostingContract => {
      const path = ['hosting', i];
      const conversionStart = month(h.conversion_start);
      const serviceStart = month(h.service_start);
      if (serviceStart < conversionStart) {
        this.err('month-order', `service_start ${h.service_start} is before conversion_start ${h.conversion_start}`, [...path, 'service_start'], 'construction (conversion) comes before service');
      }
      const termMonths = Number(String(h.term_months));
      const common = {
        id: h.id,
        siteId: h.site,
        siteIndex: this.siteRef(siteIndex, h.site),
        conversionStart,
        serviceStart,
        termMonths,
        termEnd: addMonths(serviceStart, termMonths - 1),
        pue: d(h.pue),
        opexUsdPerMwMonth: d(h.opex_usd_per_mw_month ?? 0),
      };
      if (h.kind === 'colocation') {
        const ramp: RampStep[] = [];
        (h.ramp ?? []).forEach((step, j) => {
          const m = month(step.month);
          const prev = ramp[ramp.length - 1];
          if (j === 0 && m !== serviceStart) {
            this.err('month-order', `the first ramp step is ${step.month}; it must be at service_start ${h.service_start}`, [...path, 'ramp', j, 'month'], 'start the ramp at service_start');
          } else if (prev && m <= prev.month) {
            this.err('month-order', `ramp step ${step.month} is not after ${formatMonth(prev.month)}`, [...path, 'ramp', j, 'month'], 'list ramp steps in increasing month order');
          }
          ramp.push({ month: m, pct: d(step.pct) });
        });
        const colo: Colocation = {
          kind: 'colocation',
          ...common,
          itMw: d(h.it_mw),
          rentUsdPerKwMonth: d(h.rent_usd_per_kw_month),
          escalatorPctPerYear: d(h.escalator_pct_per_year ?? 0),
          ramp,
          power: h.power ?? 'pass_through',
          loadFactorPct: d(h.load_factor_pct ?? 100),
          capexUsdPerMw: d(h.capex_usd_per_mw ?? 0),
          tenantFundedCapexPct: d(h.tenant_funded_capex_pct ?? 0),
        };
        return colo;
      }
      const gpu: GpuCloud = {
        kind: 'gpu_cloud',
        ...common,
        gpus: d(h.gpus),
        kwPerGpu: d(h.kw_per_gpu),
        rateUsdPerGpuHour: this.series(h.rate_usd_per_gpu_hour, [...path, 'rate_usd_per_gpu_hour']),
        utilizationPct: this.series(h.utilization_pct, [...path, 'utilization_pct']),
        capexUsdPerGpu: d(h.capex_usd_per_gpu ?? 0),
        leaseUsdPerGpuMonth: d(h.lease_usd_per_gpu_month ?? 0),
        opexUsdPerGpuMonth: d(h.opex_usd_per_gpu_month ?? 0),
      };
      return gpu;
    });
  }

  /** Reserved facility MW per site never above capacity, in any month of any window. */
  private checkReservations(sites: readonly Site[], hosting: readonly HostingContract[]): void {
    hosting.forEach((c, i) => {
      const site = sites[c.siteIndex];
      if (!site || c.conversionStart > c.termEnd) return;
      // Reservations only grow at a conversion_start, so checking those months suffices.
      const m = c.conversionStart;
      const active = hosting.filter((o) => o.siteIndex === c.siteIndex && o.conversionStart <= m && m <= o.termEnd);
      if (active[active.length - 1] !== c) return; // report once, at the last contract to start that month
      const reserved = active.map((o) => ({ id: o.id, mw: reservedFacilityMw(o) }));
      const total = reserved.reduce((s, r) => s.plus(r.mw), ZERO);
      if (total.gt(site.capacityMw)) {
        const parts =
          reserved.length === 1
            ? `${reserved[0]!.id} reserves ${total.toString()} MW`
            : `${reserved.map((r) => `${r.id} ${r.mw.toString()} MW`).join(' + ')} = ${total.toString()} MW`;
        this.err(
          'over-reserved',
          `site \`${site.id}\` is over-reserved in ${formatMonth(m)}: ${parts} > capacity ${site.capacityMw.toString()} MW`,
          ['hosting', i, 'id'],
          'reserved facility MW is it_mw * pue (colocation) or gpus * kw_per_gpu / 1000 * pue (gpu_cloud); lower it, move the dates or raise capacity_mw',
        );
      }
    });
  }

  private treasury(start: Month, end: Month) {
    const t = this.w.treasury;
    const p = t.policy ?? {};
    const btc = d(t.btc);
    const btcFloor = d(p.btc_floor ?? 0);
    if (btcFloor.gt(btc)) {
      this.warn('btc-floor-above-holdings', `btc_floor ${btcFloor.toString()} is above the opening holdings ${btc.toString()} BTC: no BTC can be sold until mining lifts holdings above it`, ['treasury', 'policy', 'btc_floor'], 'lower btc_floor or check treasury.btc');
    }
    const scheduled: ScheduledTrade[] = [];
    (t.scheduled ?? []).forEach((s, i) => {
      const path = ['treasury', 'scheduled', i];
      if ((s.sell_btc === undefined) === (s.buy_btc === undefined)) {
        this.err('trade-form', 'a scheduled trade has exactly one of `sell_btc` or `buy_btc`', path, 'e.g. `{ month: 2027-04, sell_btc: 1500, note: ... }`');
        return;
      }
      const m = month(s.month);
      if (m < start || m > end) this.warn('outside-horizon', `scheduled trade in ${s.month} is outside the horizon and never happens`, [...path, 'month']);
      scheduled.push({
        month: m,
        side: s.sell_btc !== undefined ? 'sell' : 'buy',
        btc: d((s.sell_btc ?? s.buy_btc)!),
        note: s.note ?? '',
      });
    });
    return {
      btc,
      cashUsd: d(t.cash_usd),
      costBasisUsdPerBtc: d(t.cost_basis_usd_per_btc),
      policy: {
        sellProductionPct: this.optionalSeries(p.sell_production_pct, ['treasury', 'policy', 'sell_production_pct'], 0),
        cashFloorUsd: d(p.cash_floor_usd ?? 0),
        btcFloor,
        maxSellBtcPerMonth: p.max_sell_btc_per_month === undefined ? null : d(p.max_sell_btc_per_month),
        saleDiscountPct: d(p.sale_discount_pct ?? 0),
      },
      scheduled,
    };
  }

  private costs(start: Month, end: Month) {
    const c = this.w.costs ?? {};
    return {
      gAndAUsdPerMonth: this.optionalSeries(c.g_and_a_usd_per_month, ['costs', 'g_and_a_usd_per_month'], 0),
      recurring: (c.recurring ?? []).map((r, i) => {
        const from = r.from ? month(r.from) : null;
        const to = r.to ? month(r.to) : null;
        if (from !== null && to !== null && to < from) {
          this.err('month-order', `to ${r.to} is before from ${r.from}`, ['costs', 'recurring', i, 'to']);
        }
        return { id: r.id, usdPerMonth: this.series(r.usd_per_month, ['costs', 'recurring', i, 'usd_per_month']), from, to };
      }),
      oneOff: (c.one_off ?? []).map((o, i) => {
        const m = month(o.month);
        if (m < start || m > end) this.warn('outside-horizon', `one-off \`${o.id}\` in ${o.month} is outside the horizon and never happens`, ['costs', 'one_off', i, 'month']);
        return { id: o.id, month: m, amountUsd: d(o.amount_usd) };
      }),
    };
  }

  private debt(): Debt[] {
    const written = this.w.debt ?? [];
    return written.map((x, i) => {
      const maturity = month(x.maturity);
      const issue = x.issue ? month(x.issue) : null;
      if (issue !== null && maturity <= issue) {
        this.err('month-order', `maturity ${x.maturity} is not after issue ${x.issue}`, ['debt', i, 'maturity']);
      }
      return { id: x.id, principalUsd: d(x.principal_usd), ratePct: d(x.rate_pct), maturity, issue };
    });
  }

  private checks(start: Month, end: Month): Check[] {
    const scenarioNames = this.scenarioNames;
    return (this.w.checks ?? []).map((c, i): Check => {
      const path = ['checks', i];
      if (!isMetricName(c.metric)) {
        this.err('unknown-metric', `unknown metric \`${c.metric}\``, [...path, 'metric'], didYouMean(c.metric, METRIC_NAMES, 'metrics'));
      }
      if (c.min === undefined && c.max === undefined) {
        this.err('check-form', `check \`${c.name}\` has neither \`min\` nor \`max\``, [...path, 'name'], 'add a bound, e.g. `min: 0`');
      }
      if (c.at !== undefined && (c.from !== undefined || c.to !== undefined)) {
        this.err('check-form', 'a check has `at` or a `from`..`to` range, not both', [...path, 'at'], undefined, true);
      }
      const at = c.at ? month(c.at) : null;
      const from = c.from ? month(c.from) : null;
      const to = c.to ? month(c.to) : null;
      if (from !== null && to !== null && to < from) this.err('month-order', `to ${c.to} is before from ${c.from}`, [...path, 'to']);
      if (at !== null && (at < start || at > end)) {
        this.warn('outside-horizon', `check \`${c.name}\` tests ${c.at}, outside the horizon: it never fails`, [...path, 'at']);
      }
      (c.scenarios ?? []).forEach((name, j) => {
        if (name !== 'base' && !scenarioNames.includes(name)) {
          this.err('unknown-scenario', `unknown scenario \`${name}\``, [...path, 'scenarios', j], didYouMean(name, [...scenarioNames, 'base'], 'scenarios'));
        }
      });
      return {
        name: c.name,
        metric: c.metric,
        min: c.min === undefined ? null : d(c.min),
        max: c.max === undefined ? null : d(c.max),
        at,
        from,
        to,
        scenarios: c.scenarios ?? null,
      };
    });
  }
}
