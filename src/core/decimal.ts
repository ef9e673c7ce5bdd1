/**
 * The one decimal type of hashpivot. Money and BTC never pass through a JS float.
 *
 * Precision: 40 significant digits for intermediate arithmetic (plan inputs have at most
 * 24), ROUND_HALF_EVEN by default. Rounding to cents or satoshis happens only at named
 * places: {@link roundUsd} and {@link roundBtc} when a posting is created, and the renderers.
 */
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -1000,
  toExpPos: 1000,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO: Decimal = new Decimal(0);
export const ONE: Decimal = new Decimal(1);
export const HUNDRED: Decimal = new Decimal(100);

/** USD posting: rounded to cents, ROUND_HALF_EVEN. */
export function roundUsd(x: Decimal): Decimal {
  return x.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
}

/** BTC posting: rounded to satoshis (8 dp), ROUND_HALF_EVEN. */
export function roundBtc(x: Decimal): Decimal {
  return x.toDecimalPlaces(8, Decimal.ROUND_HALF_EVEN);
}

/** BTC amount rounded up to the next satoshi (cash-floor sales must cover the shortfall). */
export function roundBtcUp(x: Decimal): Decimal {
  return x.toDecimalPlaces(8, Decimal.ROUND_CEIL);
}

/** Percent to fraction: 15 -> 0.15. */
export function pct(x: Decimal): Decimal {
  return x.div(HUNDRED);
}

/**
 * a + b, the same Decimal value as `a.plus(b)`, without decimal.js's work when one operand
 * is 0 and the other is not (plus then returns the non-zero operand, rounded to 40
 * significant digits, which every engine value already has: plan numbers have at most 24
 * and results are rounded to 40). Both 0 goes through plus, which fixes the sign of a zero
 * sum. Money sums are mostly of postings that are 0 in a given month (no lease, no resale
 * credit...), and the first sum into an accumulator starts from 0; in the interpreter of a
 * fresh process each skipped plus saves a few microseconds.
 */
export function add(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) {
    if (!a.isZero()) return a;
  } else if (a.isZero()) {
    return b;
  }
  return a.plus(b);
}

/** a - b, the same value as `a.minus(b)`; skips the arithmetic when b is 0 and a is not (see {@link add}). */
export function sub(a: Decimal, b: Decimal): Decimal {
  return b.isZero() && !a.isZero() ? a : a.minus(b);
}

export function dmin(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

export function dmax(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}

export function dsum(xs: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const x of xs) total = total.plus(x);
  return total;
}
