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

/** Working precisions of the first Newton steps, before those at {@link Guard} precision. */
const WARM_UP = [Decimal.clone({ precision: 34 }), Decimal.clone({ precision: 68 })];
/** Precision of a step's relative correction: it only needs the leading digits. */
const Correction = Decimal.clone({ precision: 34 });
const WARM_MOVE = new Correction('1e-25');
const SETTLE_MOVE = new Correction('1e-75');

/**
 * One Newton step for r^12 = a in r's precision: r + r * c with the relative correction
 * c = (a - r^12) / (12 r^12), the same step as r - (r^12 - a) / (12 r^11). r^12 is four
 * multiplications (r^2, r^4, r^8, r^8 * r^4) rounded to the working precision; c is only a
 * correction, so it is divided out at 34 digits.
 */
function newtonStep<D extends Decimal>(r: D, a: D): { next: D; move: Decimal } {
  const r4 = r.times(r).times(r.times(r));
  const r12 = r4.times(r4).times(r4);
  const move = new Correction(a.minus(r12)).div(new Correction(r12).times(12));
  return { next: r.plus(r.times(move)) as D, move: move.abs() };
}

/**
 * The twelfth root of `a` (> 0) at 60 significant digits by Newton's iteration, rounded
 * half-even to 60 digits at the end. Several times faster than decimal.js's pow(1/12) (exp
 * of ln), which matters at start-up.
 *
 * Each step about squares the relative error (e -> 5.5 e^2), so from the JS float seed
 * (15 digits) one step runs at 34 digits (-> ~30 digits) and one at 68 (-> ~57). A step
 * moves r by about the error of its input: when the 68-digit step moved r by less than
 * 1e-25 relative, r is now within 5.5e-50, and one step at 80 digits (20 guard digits
 * above Wide) leaves only that step's rounding, ~1e-79. Otherwise (a poor seed) the steps
 * at 80 digits go on until one moves r less than 1e-75. Either way r is within about 1e-79
 * of the root, so its rounding to 60 digits does not depend on the seed or the path taken.
 */
function twelfthRoot(a: Decimal): Wide {
  let r: Decimal = new Decimal(Math.pow(a.toNumber(), 1 / 12).toPrecision(15));
  let warm = false;
  for (const P of WARM_UP) {
    const step = newtonStep(new P(r), new P(a));
    warm = step.move.lt(WARM_MOVE);
    r = step.next;
  }
  const target = new Guard(a);
  r = newtonStep(new Guard(r), target).next;
  if (!warm) {
    for (let i = 0; i < 100; i++) {
      const step = newtonStep(r, target);
      r = step.next;
      if (step.move.lte(SETTLE_MOVE)) break;
    }
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
        // the 40-digit power is only an operand here, so it need not be re-wrapped as a Decimal
        out[i] =
          first + i === series.origin
            ? series.start
            : series.start.times(power.toSignificantDigits(40, Wide.ROUND_HALF_EVEN));
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
