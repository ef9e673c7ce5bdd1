/**
 * Month tables of series values for the simulated horizon.
 *
 * {@link seriesAt} evaluates a growth series with a fractional power on every call, which
 * costs about 0.4 ms at 40 digits. The engine needs every series in every month, so it
 * builds a table once per run: growth series are computed by repeated multiplication at
 * 60 significant digits (error far below the 40th digit), rounded to 40 significant
 * digits (ROUND_HALF_EVEN) and multiplied by the start value, as {@link seriesAt} does, so
 * the values match it (a property test checks this).
 * Constants share one Decimal; points and overrides go through {@link seriesAt}.
 */
import { Decimal, HUNDRED, ONE } from './decimal.js';
import type { Month } from './month.js';
import { seriesAt, type Series } from './series.js';

const Wide = Decimal.clone({ precision: 60 });
type Wide = InstanceType<typeof Wide>;
/** Working precision of the twelfth-root iteration: 20 guard digits above Wide. */
const Guard = Decimal.clone({ precision: 80 });

/** Memo of (1 + g/100)^(1/12) at 60 digits by growth text: a pure function, so caching is safe. */
const monthlyRootMemo = new Map<string, Wide>();
const MEMO_LIMIT = 4096;

function wideOf(x: Decimal): Wide {
  return new Wide(x);
}

function narrow(x: Wide): Decimal {
  return new Decimal(x.toSignificantDigits(40, Wide.ROUND_HALF_EVEN));
}

/**
 * The twelfth root of `a` (> 0) at 60 significant digits: Newton's iteration
 * r <- (11 r + a / r^11) / 12 at 80 digits until it moves less than 1e-75 relative, then
 * rounded half-even to 60. Several times faster than decimal.js's pow(1/12) (exp of ln),
 * which matters at start-up; the JS float only seeds the iteration, so the result does
 * not depend on it.
 */
function twelfthRoot(a: Decimal): Wide {
  const target = new Guard(a);
  let r = new Guard(Math.pow(a.toNumber(), 1 / 12).toPrecision(15));
  for (let i = 0; i < 100; i++) {
    const next = r.times(11).plus(target.div(r.pow(11))).div(12);
    const settled = next.minus(r).abs().lte(next.times('1e-75'));
    r = next;
    if (settled) break;
  }
  return new Wide(r.toSignificantDigits(60, Guard.ROUND_HALF_EVEN));
}

/**
 * Twelfth root of (1 + growthPct/100) at 60 significant digits, memoized by the decimal text
 * of growthPct. Unitless.
 */
export function monthlyGrowthFactor(growthPct: Decimal): Wide {
  const key = growthPct.toString();
  let root = monthlyRootMemo.get(key);
  if (root === undefined) {
    const factor = ONE.plus(growthPct.div(HUNDRED));
    root = twelfthRoot(factor);
    if (monthlyRootMemo.size >= MEMO_LIMIT) monthlyRootMemo.clear();
    monthlyRootMemo.set(key, root);
  }
  return root;
}

/**
 * Values of `series` for months first .. first + count - 1 (index i is month first + i),
 * in the series' own units, unrounded (40 significant digits).
 */
export function seriesTable(series: Series, first: Month, count: number): Decimal[] {
  const out = new Array<Decimal>(count);
  switch (series.kind) {
    case 'constant':
      out.fill(series.value);
      break;
    case 'points':
      for (let i = 0; i < count; i++) out[i] = seriesAt(series, (first + i) as Month);
      break;
    case 'growth': {
      const step =
        series.per === 'year'
          ? monthlyGrowthFactor(series.growthPct)
          : wideOf(ONE.plus(series.growthPct.div(HUNDRED)));
      // like seriesAt: the power is rounded to 40 digits, then multiplied by start
      const k0 = first - series.origin;
      let power = k0 === 0 ? new Wide(1) : step.pow(k0);
      for (let i = 0; i < count; i++) {
        out[i] = first + i === series.origin ? series.start : series.start.times(narrow(power));
        power = power.times(step);
      }
      break;
    }
  }
  if (series.overrides.size > 0) {
    for (let i = 0; i < count; i++) {
      const override = series.overrides.get((first + i) as Month);
      if (override !== undefined) out[i] = override;
    }
  }
  return out;
}

/**
 * Discount factors (1 + ratePct/100)^-((k+1)/12) for k = 0 .. count-1, at 40 significant
 * digits (computed at 60 and rounded half-even). Unitless.
 */
export function discountFactors(ratePct: Decimal, count: number): Decimal[] {
  const out = new Array<Decimal>(count);
  const step = new Wide(1).div(monthlyGrowthFactor(ratePct));
  let current = step;
  for (let i = 0; i < count; i++) {
    out[i] = narrow(current);
    current = current.times(step);
  }
  return out;
}
