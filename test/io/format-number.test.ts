import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDecimal } from '../helpers.js';
import { Decimal } from '../../src/core/decimal.js';
import { formatGrouped, formatPlain, groupThousands } from '../../src/io/format-number.js';

const d = (x: string): Decimal => new Decimal(x);

describe('formatPlain', () => {
  it('writes exactly the places asked, never in exponent notation', () => {
    expect(formatPlain(d('0.00000001'), 8)).toBe('0.00000001');
    expect(formatPlain(d('1e17'), 2)).toBe('100000000000000000.00');
    expect(formatPlain(d('-1e-20'), 8)).toBe('0.00000000');
    expect(formatPlain(d('123456789012345678901234'), 0)).toBe('123456789012345678901234');
  });

  it('rounds half to even and never prints negative zero', () => {
    expect(formatPlain(d('2.125'), 2)).toBe('2.12');
    expect(formatPlain(d('2.135'), 2)).toBe('2.14');
    expect(formatPlain(d('-2.125'), 2)).toBe('-2.12');
    expect(formatPlain(d('-0.004'), 2)).toBe('0.00');
    expect(formatPlain(d('-0'), 2)).toBe('0.00');
    expect(formatPlain(d('-0.4'), 0)).toBe('0');
  });

  it('equals rounding half-even first, then writing the rounded value (zero unsigned)', () => {
    const decimals = arbitraryDecimal(24, 30);
    fc.assert(
      fc.property(decimals, fc.integer({ min: 0, max: 10 }), (x, places) => {
        const rounded = x.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
        const expected = (rounded.isZero() ? new Decimal(0) : rounded).toFixed(places);
        expect(formatPlain(x, places)).toBe(expected);
      }),
    );
  });
});

describe('formatGrouped', () => {
  it('adds comma thousands separators to the integer part only', () => {
    expect(formatGrouped(d('1234567.891'), 2)).toBe('1,234,567.89');
    expect(formatGrouped(d('-1234.5'), 2)).toBe('-1,234.50');
    expect(formatGrouped(d('999.999'), 2)).toBe('1,000.00');
    expect(formatGrouped(d('100'), 0)).toBe('100');
    expect(formatGrouped(d('-100000'), 0)).toBe('-100,000');
    expect(formatGrouped(d('0.12345678'), 8)).toBe('0.12345678');
    expect(formatGrouped(d('1e17'), 2)).toBe('100,000,000,000,000,000.00');
  });

  it('removing the commas gives the plain text back', () => {
    const decimals = arbitraryDecimal(20, 10);
    fc.assert(
      fc.property(decimals, fc.integer({ min: 0, max: 8 }), (x, places) => {
        const grouped = formatGrouped(x, places);
        expect(grouped.replaceAll(',', '')).toBe(formatPlain(x, places));
        expect(grouped).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$/);
      }),
    );
  });

  it('groupThousands leaves short numbers alone', () => {
    expect(groupThousands('12')).toBe('12');
    expect(groupThousands('-123.4567')).toBe('-123.4567');
    expect(groupThousands('1234')).toBe('1,234');
  });
});
