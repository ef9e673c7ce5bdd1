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
