/**
 * Stage 2 of the loader: the shape of a plan file (format v1), as one zod schema.
 *
 * The same schema validates plans (`loadPlan`) and is exported as JSON Schema
 * (`hashpivot schema`), so the two never disagree. Numbers arrive from the YAML tree as
 * their literal text (see yaml-tree.ts); `num` checks that text and its range exactly,
 * without a JS float. Descriptions carry units: they are the editor's hover docs.
 *
 * Built with zod/mini, not classic zod: the schema is constructed at module load in every
 * process, and classic made a clone for every `.describe()` and `.superRefine()`.
 * Descriptions are registered in zod's global registry in place (`described`), where
 * `z.toJSONSchema` reads them. Pieces without metadata of their own (the number-or-text
 * union, the month and id text schemas) are made once and refined or cloned per field, and a
 * series uses one value schema in all its forms. `hashpivot schema` is pinned byte for byte
 * (test/golden/commands/schema.json).
 */
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import { Decimal } from '../core/decimal.js';
import { parseMonth } from '../core/month.js';

// One validation per process: zod's JIT (code generated with new Function) costs more than it saves.
// English messages, as classic zod sets by default (mini sets no locale). No memoizer, which
// classic installs for recursive schemas: this one has no cycles, and on such a schema
// classic's memoizer takes itself out at the first parse.
z.config({ jitless: true, ...en() });

/** Registers `description` for `schema` (hover docs and `hashpivot schema`), in place. */
function described<T extends $ZodType>(schema: T, description: string): T {
  z.globalRegistry.add(schema, { description });
  return schema;
}

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

/**
 * Numeral text -> its Decimal. The schema parses every number once and normalize.ts again
 * (and a sweep reloads the plan per point): the same texts, so their (immutable) Decimals are
 * kept. Bounded: cleared when full.
 */
const numeralMemo = new Map<string, Decimal>();
const NUMERAL_MEMO_LIMIT = 4096;

/** Parses numeral text exactly; undefined when it is not a numeral. */
export function parseNumeral(text: string): Decimal | undefined {
  const known = numeralMemo.get(text);
  if (known !== undefined) return known;
  if (!NUMERAL_RE.test(text)) return undefined;
  if (numeralMemo.size >= NUMERAL_MEMO_LIMIT) numeralMemo.clear();
  const value = new Decimal(text);
  numeralMemo.set(text, value);
  return value;
}

function significantDigits(text: string): number {
  const mantissa = text.replace(/^[-+]/, '').split(/[eE]/)[0]!.replace('.', '');
  const trimmed = mantissa.replace(/^0+/, '').replace(/0+$/, '');
  return trimmed.length;
}

/** What every number field accepts before its own check: a YAML number or text. */
const numberOrText = z.union([z.number(), z.string()], { error: () => ({ message: 'expected a number', params: { code: 'wrong-type' } }) });

/** A number field: any YAML number or quoted numeral, checked exactly. */
function num(description: string, options: NumOptions = {}) {
  // the bounds as Decimals once per field, not per comparison
  const min = options.min === undefined ? undefined : new Decimal(options.min);
  const above = options.above === undefined ? undefined : new Decimal(options.above);
  const max = options.max === undefined ? undefined : new Decimal(options.max);
  const schema = numberOrText.check(
    z.superRefine((raw: number | string, ctx) => {
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
      if (min !== undefined && value.lt(min)) {
        const code = options.belowCode ?? (options.min === 0 ? 'negative' : 'out-of-range');
        return issue(code, code === 'negative' ? `must not be negative, got ${text}` : `must be at least ${options.min}, got ${text}`);
      }
      if (above !== undefined && value.lte(above)) {
        return issue(options.belowCode ?? 'out-of-range', `must be greater than ${options.above}, got ${text}`);
      }
      if (max !== undefined && value.gt(max)) return issue('out-of-range', `must be at most ${options.max}, got ${text}`);
    }),
  );
  described(schema, description);
  numberJsonSchema.set(schema, options);
  return schema;
}

const pct = (description: string, extra: NumOptions = {}) => num(description, { min: 0, max: 100, belowCode: 'out-of-range', ...extra });
const growthPct = (description: string) => num(description, { above: -100, belowCode: 'out-of-range' });
const quantity = (description: string, extra: NumOptions = {}) => num(description, { min: 0, ...extra });

/** Month text: checked once per month field, so one schema serves them all (see `month`). */
const monthText = z
  .string({ error: () => ({ message: 'expected a month `YYYY-MM`', params: { code: 'bad-month' } }) })
  .check(
    z.superRefine((text: string, ctx) => {
      if (!MONTH_RE.test(text) || parseMonth(text) === undefined) {
        ctx.addIssue({ code: 'custom', message: `\`${text}\` is not a month \`YYYY-MM\``, params: { code: 'bad-month' } });
      }
    }),
  );

/** A month field: its own instance of `monthText` (the registry keys metadata by instance). */
const month = (description: string) => {
  const schema = monthText.clone();
  z.globalRegistry.add(schema, { description, pattern: MONTH_RE.source });
  return schema;
};

const monthKey = z.string().check(z.regex(MONTH_RE));

const idText = z
  .string({ error: () => ({ message: 'expected an id', params: { code: 'wrong-type' } }) })
  .check(z.regex(ID_RE, { error: () => ({ message: 'ids are lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit', params: { code: 'bad-id' } }) }));

const id = (what: string, description = `${what} id: unique in its list; lower-case letters, digits, '.', '_', '-'`) =>
  described(idText.clone(), description);

const textError = () => ({ message: 'expected text', params: { code: 'wrong-type' } });
const text = (description: string) => described(z.string({ error: textError }), description);

/** The growth keys of every series: the same in all of them, so made once. */
const growthPctPerYear = z.optional(growthPct('growth in percent per year: value = start * (1 + g/100)^(k/12)'));
const growthPctPerMonth = z.optional(growthPct('growth in percent per month: value = start * (1 + g/100)^k'));

/**
 * A series: a constant, growth from a start, or points, optionally with overrides. The one
 * `value` schema serves the constant, the points and the overrides (schemas hold no parse state).
 */
function series(description: string, value: ReturnType<typeof num>) {
  // `start` is `value` with a description of its own: a clone (the registry keys metadata
  // by instance) that keeps value's check and, in the JSON Schema, its range
  const start = described(value.clone(), "value in the plan's start month (k = 0)");
  const range = numberJsonSchema.get(value);
  if (range !== undefined) numberJsonSchema.set(start, range);
  const overrides = z.optional(
    described(z.record(monthKey, value), 'month (YYYY-MM) -> value that replaces the series value in that month'),
  );
  const shape = described(
    z.strictObject({
      start: z.optional(start),
      growth_pct_per_year: growthPctPerYear,
      growth_pct_per_month: growthPctPerMonth,
      points: z.optional(
        described(z.record(monthKey, value), 'month (YYYY-MM) -> value, in increasing month order; linear in between, flat outside'),
      ),
      overrides,
    }),
    description,
  );
  return described(z.union([value, shape]), description);
}

const powerSchema = described(
  z.strictObject({
    price_usd_per_mwh: series('energy price billed, USD per MWh (series)', quantity('USD per MWh')),
    take_or_pay_pct: z.optional(pct('share of capacity energy (capacity_mw * hours) paid for whether used or not, percent (default 0)')),
    demand_charge_usd_per_kw_month: z.optional(quantity('demand charge on capacity, USD per kW per month (default 0)')),
    resale_usd_per_mwh: z.optional(
      series(
        'price at which paid-for but unused take-or-pay energy is sold back (power credits), USD per MWh (series, optional)',
        quantity('USD per MWh'),
      ),
    ),
    demand_response: z.optional(
      described(
        z.strictObject({
          curtail_pct: pct('share of hours mining is switched off for the grid, percent'),
          credit_usd_per_mwh: quantity('credit paid for each MWh not drawn, USD per MWh'),
        }),
        'grid demand-response program (optional)',
      ),
    ),
  }),
  "the site's power contract",
);

const siteSchema = described(
  z.strictObject({
    id: id('site'),
    capacity_mw: quantity('grid capacity of the site, MW'),
    mining_overhead_pct: z.optional(pct('cooling and losses on top of ASIC load, percent (default 0)', { max: 1000 })),
    opex_usd_per_mw_month: z.optional(quantity('site operating cost on capacity, USD per MW per month (default 0)')),
    power: powerSchema,
  }),
  'a site with a grid connection and a power contract',
);

const batchSchema = described(
  z.strictObject({
    id: id('batch'),
    site: id('site', 'id of the site this batch runs at'),
    model: text('ASIC model (a label, e.g. "Antminer S21 XP")'),
    units: quantity('number of machines'),
    hashrate_ths: quantity('hashrate per unit, TH/s'),
    efficiency_j_per_th: num('efficiency per unit, J/TH (= W per TH/s)', { above: 0 }),
    uptime_pct: z.optional(pct('share of time running, percent (default 100)')),
    online: z.optional(month('first month running (default: the plan start)')),
    retire: z.optional(month('first month NOT running (optional)')),
    capex_usd: z.optional(quantity('purchase cost, USD, paid in the `online` month if that month is in the horizon (optional)')),
  }),
  'a batch of identical ASICs at one site',
);

const hostingCommon = {
  id: id('hosting contract'),
  site: id('site', 'id of the site whose MW the contract takes'),
  conversion_start: month('month the MW leave mining and construction begins'),
  service_start: month('first revenue month (>= conversion_start)'),
  term_months: num('service months: service_start .. service_start + term - 1', { min: 1, integer: true, belowCode: 'out-of-range' }),
  pue: num('facility MW per IT MW (power usage effectiveness, >= 1)', { min: 1, belowCode: 'out-of-range' }),
  opex_usd_per_mw_month: z.optional(quantity('hosting opex per contracted IT MW in each service month, USD per MW per month (default 0)')),
};

const colocationSchema = described(
  z.strictObject({
    kind: described(z.literal('colocation'), 'colocation: the tenant rents powered space'),
    ...hostingCommon,
    it_mw: quantity('contracted critical IT MW'),
    rent_usd_per_kw_month: quantity('rent per billed IT kW per month, USD'),
    escalator_pct_per_year: z.optional(num('rent step on each anniversary of service_start, percent (default 0)', { above: -100 })),
    ramp: z.optional(
      described(
        z.array(
          z.strictObject({
            month: month('first month of this step'),
            pct: pct('share of it_mw billed from this month on, percent'),
          }),
        ),
        'billed share of it_mw by month; the first step is at service_start (100% when absent)',
      ),
    ),
    power: z.optional(
      described(
        z.enum(['pass_through', 'included'], { error: () => ({ message: 'expected `pass_through` or `included`', params: { code: 'wrong-type' } }) }),
        'pass_through: the tenant reimburses its energy at the site price; included: we pay it',
      ),
    ),
    load_factor_pct: z.optional(pct('tenant draw as a share of billed IT MW, percent (default 100)')),
    capex_usd_per_mw: z.optional(quantity('construction capex per IT MW, USD, spread over conversion_start .. service_start-1 (default 0)')),
    tenant_funded_capex_pct: z.optional(pct('share of construction capex the tenant pays, percent (default 0)')),
  }),
  'an AI/HPC colocation contract',
);

const gpuCloudSchema = described(
  z.strictObject({
    kind: described(z.literal('gpu_cloud'), 'gpu_cloud: we own or lease GPUs and sell GPU-hours'),
    ...hostingCommon,
    gpus: quantity('number of GPUs'),
    kw_per_gpu: quantity('all-in server power per GPU, kW'),
    rate_usd_per_gpu_hour: series('price per GPU-hour, USD (series)', quantity('USD per GPU-hour')),
    utilization_pct: series('share of GPU-hours sold, percent (series)', pct('percent')),
    capex_usd_per_gpu: z.optional(quantity('GPU purchase cost per GPU, USD, as construction capex (default 0)')),
    lease_usd_per_gpu_month: z.optional(quantity('GPU lease per GPU per service month, USD, reported in opex (default 0)')),
    opex_usd_per_gpu_month: z.optional(quantity('operating cost per GPU per service month, USD (default 0)')),
  }),
  'a GPU-cloud business on the site',
);

const scheduledSchema = described(
  z.strictObject({
    month: month('month of the trade'),
    sell_btc: z.optional(quantity('BTC to sell')),
    buy_btc: z.optional(quantity('BTC to buy')),
    note: z.optional(text('why (shown in decisions)')),
  }),
  'a scheduled trade: exactly one of sell_btc or buy_btc',
);

const treasurySchema = described(
  z.strictObject({
    btc: quantity('opening BTC holdings'),
    cash_usd: num('opening cash, USD'),
    cost_basis_usd_per_btc: quantity('opening average cost basis, USD per BTC'),
    policy: z.optional(
      described(
        z.strictObject({
          sell_production_pct: z.optional(series("share of each month's mined BTC sold, percent (series, default 0)", pct('percent'))),
          cash_floor_usd: z.optional(quantity('BTC is sold to keep cash at or above this, USD (default 0)')),
          btc_floor: z.optional(quantity('sales never take holdings below this, BTC (default 0)')),
          max_sell_btc_per_month: z.optional(quantity('cap on all sales in a month, BTC (optional)')),
          sale_discount_pct: z.optional(pct('execution cost of a sale, percent of proceeds (default 0)')),
        }),
        'treasury policy',
      ),
    ),
    scheduled: z.optional(described(z.array(scheduledSchema), 'scheduled BTC trades, executed in file order')),
  }),
  'opening BTC and cash, and the selling policy',
);

const costsSchema = described(
  z.strictObject({
    g_and_a_usd_per_month: z.optional(series('general and administrative cost, USD per month (series, default 0)', quantity('USD per month'))),
    recurring: z.optional(
      described(
        z.array(
          z.strictObject({
            id: id('recurring cost'),
            usd_per_month: series('outflow, USD per month (series)', quantity('USD per month')),
            from: z.optional(month('first month (default: plan start)')),
            to: z.optional(month('last month, inclusive (default: plan end)')),
          }),
        ),
        'recurring outflows',
      ),
    ),
    one_off: z.optional(
      described(
        z.array(
          z.strictObject({
            id: id('one-off flow'),
            month: month('month of the flow'),
            amount_usd: num('signed amount, USD: + inflow, - outflow'),
          }),
        ),
        'one-off cash flows (equity raises, land purchases, ...)',
      ),
    ),
  }),
  'corporate costs and one-off flows',
);

const debtSchema = described(
  z.strictObject({
    id: id('debt'),
    principal_usd: quantity('principal, USD'),
    rate_pct: num('annual interest rate, percent; interest = principal * rate/100/12 per month', { min: 0, max: 100, belowCode: 'out-of-range' }),
    maturity: month('month the principal is repaid'),
    issue: z.optional(month('month the principal comes in (absent: outstanding before start)')),
  }),
  'a debt instrument',
);

const checkSchema = described(
  z.strictObject({
    name: text('what the check is called in reports'),
    metric: text('a monthly result metric, e.g. cash_usd, btc_held, funding_gap_usd'),
    min: z.optional(num('lowest allowed value')),
    max: z.optional(num('highest allowed value')),
    at: z.optional(month('test only this month')),
    from: z.optional(month('first month tested (default: plan start)')),
    to: z.optional(month('last month tested (default: plan end)')),
    scenarios: z.optional(described(z.array(z.string()), 'scenarios to test (default: base and every scenario)')),
  }),
  'a plan check, evaluated by `hashpivot check`',
);

export const planSchema = described(
  z.strictObject({
    version: num('plan format version: 1', { min: 1, max: 1, integer: true, belowCode: 'out-of-range' }),
    name: text('plan name, shown in reports'),
    start: month('first simulated month'),
    months: z.optional(num('horizon in months, 1..600 (or give `end`)', { min: 1, max: 600, integer: true, belowCode: 'out-of-range' })),
    end: z.optional(month('last simulated month, inclusive (or give `months`)')),
    discount_rate_pct: z.optional(num('annual discount rate for NPV, percent (default 0)', { min: 0, max: 100, belowCode: 'out-of-range' })),
    market: described(
      z.strictObject({
        btc_price_usd: series('monthly average BTC price, USD (series)', num('USD', { above: 0 })),
        network_hashrate_ehs: series('network monthly average hashrate, EH/s (series)', num('EH/s', { above: 0 })),
        fees_btc_per_block: z.optional(series('average transaction fees per block, BTC (series, default 0)', quantity('BTC'))),
        block_height: num('chain height of the first block mined in `start`', { min: 0, integer: true }),
        blocks_per_day: z.optional(series('blocks per day (series, default 144)', quantity('blocks per day'))),
      }),
      'market assumptions',
    ),
    mining: z.optional(
      described(
        z.strictObject({
          pool_fee_pct: z.optional(pct('pool fee, percent: BTC credited = gross * (1 - fee) (default 0)')),
          dispatch: z.optional(
            described(
              z.enum(['economic', 'always_on'], { error: () => ({ message: 'expected `economic` or `always_on`', params: { code: 'wrong-type' } }) }),
              'economic: run a batch only while it earns at least its marginal power cost; always_on: run whatever fits',
            ),
          ),
        }),
        'mining settings',
      ),
    ),
    sites: described(z.array(siteSchema), 'sites with grid capacity and power contracts'),
    fleet: z.optional(described(z.array(batchSchema), 'ASIC batches')),
    hosting: z.optional(
      described(z.array(z.discriminatedUnion('kind', [colocationSchema, gpuCloudSchema])), 'AI/HPC hosting contracts (kind: colocation | gpu_cloud)'),
    ),
    treasury: treasurySchema,
    costs: z.optional(costsSchema),
    debt: z.optional(described(z.array(debtSchema), 'debt instruments')),
    scenarios: z.optional(
      described(
        z.record(z.string(), described(z.record(z.string(), z.unknown()), 'PATH -> VALUE overrides')),
        'named what-ifs: NAME -> { dotted.path: value }; list items by id, e.g. fleet.s21xp-2027.units',
      ),
    ),
    checks: z.optional(described(z.array(checkSchema), 'checks evaluated by `hashpivot check`')),
  }),
  'hashpivot plan, format version 1',
);

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
