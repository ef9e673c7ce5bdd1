/**
 * Stage 2 of the loader: the shape of a plan file (format v1), as one zod schema.
 *
 * The same schema validates plans (`loadPlan`) and is exported as JSON Schema
 * (`hashpivot schema`), so the two never disagree. Numbers arrive from the YAML tree as
 * their literal text (see yaml-tree.ts); `num` checks that text and its range exactly,
 * without a JS float. Descriptions carry units: they are the editor's hover docs.
 */
import * as z from 'zod';

// One validation per process: zod's JIT (code generated with new Function) costs more than it saves.
z.config({ jitless: true });
import { Decimal } from '../core/decimal.js';
import { parseMonth } from '../core/month.js';

/** A decimal numeral: sign, digits, optional fraction and exponent. No hex, no NaN/Infinity. */
export const NUMERAL_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
export const ID_RE = /^[a-z0-9][a-z0-9._-]*$/;
const MAX_SIGNIFICANT_DIGITS = 24;
const MAX_MAGNITUDE = new Decimal('1e18');

interface NumOptions {
  /** inclusive lower bound */
  readonly min?: number;
  /** exclusive lower bound */
  readonly above?: number;
  /** inclusive upper bound */
  readonly max?: number;
  readonly integer?: boolean;
  /** code for a value below the lower bound: `negative` for quantities, else `out-of-range` */
  readonly belowCode?: 'negative' | 'out-of-range';
  readonly default?: string | number;
}

const numberJsonSchema = new WeakMap<object, NumOptions>();

/** Parses numeral text exactly; undefined when it is not a numeral. */
export function parseNumeral(text: string): Decimal | undefined {
  if (!NUMERAL_RE.test(text)) return undefined;
  return new Decimal(text);
}

function significantDigits(text: string): number {
  const mantissa = text.replace(/^[-+]/, '').split(/[eE]/)[0]!.replace('.', '');
  const trimmed = mantissa.replace(/^0+/, '').replace(/0+$/, '');
  return trimmed.length;
}

/** A number field: any YAML number or quoted numeral, checked exactly. */
function num(description: string, options: NumOptions = {}) {
  const schema = z
    .union([z.number(), z.string()], { error: () => ({ message: 'expected a number', params: { code: 'wrong-type' } }) })
    .superRefine((raw, ctx) => {
      const text = String(raw);
      const issue = (code: string, message: string) => ctx.addIssue({ code: 'custom', message, params: { code } });
      if (/^[-+]?\.?(nan|inf(inity)?)$/i.test(text)) return issue('not-a-number', `must be a finite number, got ${text}`);
      const value = parseNumeral(text);
      if (value === undefined) return issue('wrong-type', `must be a number, got \`${text}\``);
      if (significantDigits(text) > MAX_SIGNIFICANT_DIGITS) {
        return issue('number-precision', `has more than ${MAX_SIGNIFICANT_DIGITS} significant digits: ${text}`);
      }
      if (value.abs().gte(MAX_MAGNITUDE)) return issue('number-precision', `must be below 1e18 in magnitude, got ${text}`);
      if (options.integer && !value.isInteger()) return issue('not-an-integer', `must be a whole number, got ${text}`);
      if (options.min !== undefined && value.lt(options.min)) {
        const code = options.belowCode ?? (options.min === 0 ? 'negative' : 'out-of-range');
        return issue(code, code === 'negative' ? `must not be negative, got ${text}` : `must be at least ${options.min}, got ${text}`);
      }
      if (options.above !== undefined && value.lte(options.above)) {
        return issue(options.belowCode ?? 'out-of-range', `must be greater than ${options.above}, got ${text}`);
      }
      if (options.max !== undefined && value.gt(options.max)) return issue('out-of-range', `must be at most ${options.max}, got ${text}`);
    })
    .describe(description);
  numberJsonSchema.set(schema, options);
  return schema;
}

const pct = (description: string, extra: NumOptions = {}) => num(description, { min: 0, max: 100, belowCode: 'out-of-range', ...extra });
const growthPct = (description: string) => num(description, { above: -100, belowCode: 'out-of-range' });
const quantity = (description: string, extra: NumOptions = {}) => num(description, { min: 0, ...extra });

const month = (description: string) =>
  z
    .string({ error: () => ({ message: 'expected a month `YYYY-MM`', params: { code: 'bad-month' } }) })
    .superRefine((text, ctx) => {
      if (!MONTH_RE.test(text) || parseMonth(text) === undefined) {
        ctx.addIssue({ code: 'custom', message: `\`${text}\` is not a month \`YYYY-MM\``, params: { code: 'bad-month' } });
      }
    })
    .meta({ description, pattern: MONTH_RE.source });

const monthKey = z.string().regex(MONTH_RE);

const id = (what: string) =>
  z
    .string({ error: () => ({ message: 'expected an id', params: { code: 'wrong-type' } }) })
    .regex(ID_RE, { error: () => ({ message: 'ids are lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit', params: { code: 'bad-id' } }) })
    .describe(`${what} id: unique in its list; lower-case letters, digits, '.', '_', '-'`);

const text = (description: string) =>
  z.string({ error: () => ({ message: 'expected text', params: { code: 'wrong-type' } }) }).describe(description);

/** A series: a constant, growth from a start, or points, optionally with overrides. */
function series(description: string, element: () => ReturnType<typeof num>) {
  const overrides = z
    .record(monthKey, element())
    .describe('month (YYYY-MM) -> value that replaces the series value in that month')
    .optional();
  const shape = z
    .strictObject({
      start: element().describe('value in the plan\'s start month (k = 0)').optional(),
      growth_pct_per_year: growthPct('growth in percent per year: value = start * (1 + g/100)^(k/12)').optional(),
      growth_pct_per_month: growthPct('growth in percent per month: value = start * (1 + g/100)^k').optional(),
      points: z
        .record(monthKey, element())
        .describe('month (YYYY-MM) -> value, in increasing month order; linear in between, flat outside')
        .optional(),
      overrides,
    })
    .describe(description);
  return z.union([element(), shape]).describe(description);
}

const powerSchema = z
  .strictObject({
    price_usd_per_mwh: series('energy price billed, USD per MWh (series)', () => quantity('USD per MWh')),
    take_or_pay_pct: pct('share of capacity energy (capacity_mw * hours) paid for whether used or not, percent (default 0)').optional(),
    demand_charge_usd_per_kw_month: quantity('demand charge on capacity, USD per kW per month (default 0)').optional(),
    resale_usd_per_mwh: series('price at which paid-for but unused take-or-pay energy is sold back (power credits), USD per MWh (series, optional)', () =>
      quantity('USD per MWh'),
    ).optional(),
    demand_response: z
      .strictObject({
        curtail_pct: pct('share of hours mining is switched off for the grid, percent'),
        credit_usd_per_mwh: quantity('credit paid for each MWh not drawn, USD per MWh'),
      })
      .describe('grid demand-response program (optional)')
      .optional(),
  })
  .describe("the site's power contract");

const siteSchema = z
  .strictObject({
    id: id('site'),
    capacity_mw: quantity('grid capacity of the site, MW'),
    mining_overhead_pct: pct('cooling and losses on top of ASIC load, percent (default 0)', { max: 1000 }).optional(),
    opex_usd_per_mw_month: quantity('site operating cost on capacity, USD per MW per month (default 0)').optional(),
    power: powerSchema,
  })
  .describe('a site with a grid connection and a power contract');

const batchSchema = z
  .strictObject({
    id: id('batch'),
    site: id('site').describe('id of the site this batch runs at'),
    model: text('ASIC model (a label, e.g. "Antminer S21 XP")'),
    units: quantity('number of machines'),
    hashrate_ths: quantity('hashrate per unit, TH/s'),
    efficiency_j_per_th: num('efficiency per unit, J/TH (= W per TH/s)', { above: 0 }),
    uptime_pct: pct('share of time running, percent (default 100)').optional(),
    online: month('first month running (default: the plan start)').optional(),
    retire: month('first month NOT running (optional)').optional(),
    capex_usd: quantity('purchase cost, USD, paid in the `online` month if that month is in the horizon (optional)').optional(),
  })
  .describe('a batch of identical ASICs at one site');

const hostingCommon = {
  id: id('hosting contract'),
  site: id('site').describe('id of the site whose MW the contract takes'),
  conversion_start: month('month the MW leave mining and construction begins'),
  service_start: month('first revenue month (>= conversion_start)'),
  term_months: num('service months: service_start .. service_start + term - 1', { min: 1, integer: true, belowCode: 'out-of-range' }),
  pue: num('facility MW per IT MW (power usage effectiveness, >= 1)', { min: 1, belowCode: 'out-of-range' }),
  opex_usd_per_mw_month: quantity('hosting opex per contracted IT MW in each service month, USD per MW per month (default 0)').optional(),
};

const colocationSchema = z
  .strictObject({
    kind: z.literal('colocation').describe('colocation: the tenant rents powered space'),
    ...hostingCommon,
    it_mw: quantity('contracted critical IT MW'),
    rent_usd_per_kw_month: quantity('rent per billed IT kW per month, USD'),
    escalator_pct_per_year: num('rent step on each anniversary of service_start, percent (default 0)', { above: -100 }).optional(),
    ramp: z
      .array(
        z.strictObject({
          month: month('first month of this step'),
          pct: pct('share of it_mw billed from this month on, percent'),
        }),
      )
      .describe('billed share of it_mw by month; the first step is at service_start (100% when absent)')
      .optional(),
    power: z
      .enum(['pass_through', 'included'], { error: () => ({ message: 'expected `pass_through` or `included`', params: { code: 'wrong-type' } }) })
      .describe('pass_through: the tenant reimburses its energy at the site price; included: we pay it')
      .optional(),
    load_factor_pct: pct('tenant draw as a share of billed IT MW, percent (default 100)').optional(),
    capex_usd_per_mw: quantity('construction capex per IT MW, USD, spread over conversion_start .. service_start-1 (default 0)').optional(),
    tenant_funded_capex_pct: pct('share of construction capex the tenant pays, percent (default 0)').optional(),
  })
  .describe('an AI/HPC colocation contract');

const gpuCloudSchema = z
  .strictObject({
    kind: z.literal('gpu_cloud').describe('gpu_cloud: we own or lease GPUs and sell GPU-hours'),
    ...hostingCommon,
    gpus: quantity('number of GPUs'),
    kw_per_gpu: quantity('all-in server power per GPU, kW'),
    rate_usd_per_gpu_hour: series('price per GPU-hour, USD (series)', () => quantity('USD per GPU-hour')),
    utilization_pct: series('share of GPU-hours sold, percent (series)', () => pct('percent')),
    capex_usd_per_gpu: quantity('GPU purchase cost per GPU, USD, as construction capex (default 0)').optional(),
    lease_usd_per_gpu_month: quantity('GPU lease per GPU per service month, USD, reported in opex (default 0)').optional(),
    opex_usd_per_gpu_month: quantity('operating cost per GPU per service month, USD (default 0)').optional(),
  })
  .describe('a GPU-cloud business on the site');

const scheduledSchema = z
  .strictObject({
    month: month('month of the trade'),
    sell_btc: quantity('BTC to sell').optional(),
    buy_btc: quantity('BTC to buy').optional(),
    note: text('why (shown in decisions)').optional(),
  })
  .describe('a scheduled trade: exactly one of sell_btc or buy_btc');

const treasurySchema = z
  .strictObject({
    btc: quantity('opening BTC holdings'),
    cash_usd: num('opening cash, USD'),
    cost_basis_usd_per_btc: quantity('opening average cost basis, USD per BTC'),
    policy: z
      .strictObject({
        sell_production_pct: series("share of each month's mined BTC sold, percent (series, default 0)", () => pct('percent')).optional(),
        cash_floor_usd: quantity('BTC is sold to keep cash at or above this, USD (default 0)').optional(),
        btc_floor: quantity('sales never take holdings below this, BTC (default 0)').optional(),
        max_sell_btc_per_month: quantity('cap on all sales in a month, BTC (optional)').optional(),
        sale_discount_pct: pct('execution cost of a sale, percent of proceeds (default 0)').optional(),
      })
      .describe('treasury policy')
      .optional(),
    scheduled: z.array(scheduledSchema).describe('scheduled BTC trades, executed in file order').optional(),
  })
  .describe('opening BTC and cash, and the selling policy');

const costsSchema = z
  .strictObject({
    g_and_a_usd_per_month: series('general and administrative cost, USD per month (series, default 0)', () => quantity('USD per month')).optional(),
    recurring: z
      .array(
        z.strictObject({
          id: id('recurring cost'),
          usd_per_month: series('outflow, USD per month (series)', () => quantity('USD per month')),
          from: month('first month (default: plan start)').optional(),
          to: month('last month, inclusive (default: plan end)').optional(),
        }),
      )
      .describe('recurring outflows')
      .optional(),
    one_off: z
      .array(
        z.strictObject({
          id: id('one-off flow'),
          month: month('month of the flow'),
          amount_usd: num('signed amount, USD: + inflow, - outflow'),
        }),
      )
      .describe('one-off cash flows (equity raises, land purchases, ...)')
      .optional(),
  })
  .describe('corporate costs and one-off flows');

const debtSchema = z
  .strictObject({
    id: id('debt'),
    principal_usd: quantity('principal, USD'),
    rate_pct: num('annual interest rate, percent; interest = principal * rate/100/12 per month', { min: 0, max: 100, belowCode: 'out-of-range' }),
    maturity: month('month the principal is repaid'),
    issue: month('month the principal comes in (absent: outstanding before start)').optional(),
  })
  .describe('a debt instrument');

const checkSchema = z
  .strictObject({
    name: text('what the check is called in reports'),
    metric: text('a monthly result metric, e.g. cash_usd, btc_held, funding_gap_usd'),
    min: num('lowest allowed value').optional(),
    max: num('highest allowed value').optional(),
    at: month('test only this month').optional(),
    from: month('first month tested (default: plan start)').optional(),
    to: month('last month tested (default: plan end)').optional(),
    scenarios: z.array(z.string()).describe('scenarios to test (default: base and every scenario)').optional(),
  })
  .describe('a plan check, evaluated by `hashpivot check`');

export const planSchema = z
  .strictObject({
    version: num('plan format version: 1', { min: 1, max: 1, integer: true, belowCode: 'out-of-range' }),
    name: text('plan name, shown in reports'),
    start: month('first simulated month'),
    months: num('horizon in months, 1..600 (or give `end`)', { min: 1, max: 600, integer: true, belowCode: 'out-of-range' }).optional(),
    end: month('last simulated month, inclusive (or give `months`)').optional(),
    discount_rate_pct: num('annual discount rate for NPV, percent (default 0)', { min: 0, max: 100, belowCode: 'out-of-range' }).optional(),
    market: z
      .strictObject({
        btc_price_usd: series('monthly average BTC price, USD (series)', () => num('USD', { above: 0 })),
        network_hashrate_ehs: series('network monthly average hashrate, EH/s (series)', () => num('EH/s', { above: 0 })),
        fees_btc_per_block: series('average transaction fees per block, BTC (series, default 0)', () => quantity('BTC')).optional(),
        block_height: num('chain height of the first block mined in `start`', { min: 0, integer: true }),
        blocks_per_day: series('blocks per day (series, default 144)', () => quantity('blocks per day')).optional(),
      })
      .describe('market assumptions'),
    mining: z
      .strictObject({
        pool_fee_pct: pct('pool fee, percent: BTC credited = gross * (1 - fee) (default 0)').optional(),
        dispatch: z
          .enum(['economic', 'always_on'], { error: () => ({ message: 'expected `economic` or `always_on`', params: { code: 'wrong-type' } }) })
          .describe('economic: run a batch only while it earns at least its marginal power cost; always_on: run whatever fits')
          .optional(),
      })
      .describe('mining settings')
      .optional(),
    sites: z.array(siteSchema).describe('sites with grid capacity and power contracts'),
    fleet: z.array(batchSchema).describe('ASIC batches').optional(),
    hosting: z
      .array(z.discriminatedUnion('kind', [colocationSchema, gpuCloudSchema]))
      .describe('AI/HPC hosting contracts (kind: colocation | gpu_cloud)')
      .optional(),
    treasury: treasurySchema,
    costs: costsSchema.optional(),
    debt: z.array(debtSchema).describe('debt instruments').optional(),
    scenarios: z
      .record(z.string(), z.record(z.string(), z.unknown()).describe('PATH -> VALUE overrides'))
      .describe('named what-ifs: NAME -> { dotted.path: value }; list items by id, e.g. fleet.s21xp-2027.units')
      .optional(),
    checks: z.array(checkSchema).describe('checks evaluated by `hashpivot check`').optional(),
  })
  .describe('hashpivot plan, format version 1');

export type WrittenPlan = z.output<typeof planSchema>;

/** JSON Schema (draft 2020-12) of plan format v1, generated from `planSchema`. */
export function planJsonSchema(): Record<string, unknown> {
  const json = z.toJSONSchema(planSchema, {
    io: 'input',
    override: (ctx) => {
      const options = numberJsonSchema.get(ctx.zodSchema as object);
      if (!options) return;
      const js = ctx.jsonSchema as Record<string, unknown>;
      delete js.type;
      delete js.anyOf;
      const numberBranch: Record<string, unknown> = { type: options.integer ? 'integer' : 'number' };
      if (options.min !== undefined) numberBranch.minimum = options.min;
      if (options.above !== undefined) numberBranch.exclusiveMinimum = options.above;
      if (options.max !== undefined) numberBranch.maximum = options.max;
      js.anyOf = [numberBranch, { type: 'string', pattern: NUMERAL_RE.source, description: 'a quoted numeral, read exactly' }];
    },
  }) as Record<string, unknown>;
  return {
    $id: 'https://hashpivot.dev/schema/plan-v1.json',
    title: 'hashpivot plan v1',
    ...json,
  };
}
