/**
 * Series: any time-varying number of a plan (spec section 2).
 *
 * Month index k counts from the plan's `start` (the series' `origin`), also for series
 * inside a contract. Values are exact decimals at 40 significant digits; no rounding here
 * (rounding happens when a posting is created).
 */
import { Decimal, ONE, HUNDRED } from './decimal.js';
import type { Month } from './month.js';

export type SeriesShape =
  | { readonly kind: 'constant'; readonly value: Decimal }
  | {
      readonly kind: 'growth';
      readonly start: Decimal;
      /** growth in percent per `per` (15 = 15%). */
      readonly growthPct: Decimal;
      readonly per: 'year' | 'month';
    }
  | {
      readonly kind: 'points';
      /** sorted by month, strictly increasing, at least one. */
      readonly points: readonly { readonly month: Month; readonly value: Decimal }[];
    };

export type Series = SeriesShape & {
  /** the plan's start month: k = month - origin. */
  readonly origin: Month;
  /** month -> value replacing the shape's value in that month. */
  readonly overrides: ReadonlyMap<Month, Decimal>;
};

export function constantSeries(value: Decimal, origin: Month): Series {
  return { kind: 'constant', value, origin, overrides: new Map() };
}

/**
 * Value of the series in `month`. Units are the series' own (the key name says them).
 * growth per year: start * (1 + g/100)^(k/12); per month: start * (1 + g/100)^k;
 * points: linear in month index between points, flat before the first and after the last.
 */
export function seriesAt(series: Series, month: Month): Decimal {
  const override = series.overrides.get(month);
  if (override !== undefined) return override;
  switch (series.kind) {
    case 'constant':
      return series.value;
    case 'growth': {
      const k = month - series.origin;
      const factor = ONE.plus(series.growthPct.div(HUNDRED));
      if (k === 0) return series.start;
      const exponent = series.per === 'year' ? new Decimal(k).div(12) : new Decimal(k);
      return series.start.times(factor.pow(exponent));
    }
    case 'points':
      return interpolatePoints(series.points, month);
  }
}

function interpolatePoints(
  points: readonly { readonly month: Month; readonly value: Decimal }[],
  month: Month,
): Decimal {
  const first = points[0]!;
  if (month <= first.month) return first.value;
  for (let i = 1; i < points.length; i++) {
    const right = points[i]!;
    if (month <= right.month) {
      const left = points[i - 1]!;
      const span = right.month - left.month;
      const offset = month - left.month;
      return left.value.plus(right.value.minus(left.value).times(offset).div(span));
    }
  }
  return points[points.length - 1]!.value;
}
