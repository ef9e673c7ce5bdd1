/**
 * Number text for every output format. Deterministic: no Intl, no toLocaleString, no JS
 * float; the digits come from Decimal.toFixed, which never uses exponent notation.
 * Rounding (if the value has more places than asked) is ROUND_HALF_EVEN, and a value
 * that rounds to zero prints without a minus sign.
 */
import { Decimal } from '../core/decimal.js';

/** Plain decimal text with exactly `places` decimals: `-1234.50`, `0.00000001`. */
export function formatPlain(x: Decimal, places: number): string {
  const shown = x.decimalPlaces();
  if (shown <= places) {
    // nothing to round (report values are rounded already): write the digits as they are
    // (toFixed() never signs a zero) and pad the fraction with zeros
    const text = x.toFixed();
    if (shown === places) return text;
    return `${text}${shown === 0 ? '.' : ''}${'0'.repeat(places - shown)}`;
  }
  // toFixed rounds and writes in one step; it keeps the sign of a negative value that
  // rounds to zero (`-0.00`), which is dropped here
  const text = x.toFixed(places, Decimal.ROUND_HALF_EVEN);
  return NEGATIVE_ZERO.test(text) ? text.slice(1) : text;
}

const NEGATIVE_ZERO = /^-0(\.0*)?$/;

/** Plain decimal text with comma thousands separators: `1,234,567.89`, `-1,234.50`. */
export function formatGrouped(x: Decimal, places: number): string {
  return groupThousands(formatPlain(x, places));
}

/** Inserts comma thousands separators into plain decimal text (`-1234.5` -> `-1,234.5`). */
export function groupThousands(plain: string): string {
  const negative = plain.startsWith('-');
  const body = negative ? plain.slice(1) : plain;
  const dot = body.indexOf('.');
  const intPart = dot === -1 ? body : body.slice(0, dot);
  const fraction = dot === -1 ? '' : body.slice(dot);
  let grouped = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % 3 === 0) grouped += ',';
    grouped += intPart[i];
  }
  return `${negative ? '-' : ''}${grouped}${fraction}`;
}
