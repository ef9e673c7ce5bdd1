/**
 * The pure half of `hashpivot sweep`: grid arithmetic (exact, no float drift), point
 * numbering, axis labels, and `--metric` parsing and reduction.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/decimal.js';
import { parseMonth } from '../../src/core/month.js';
import type { MonthResult, Simulation } from '../../src/core/results.js';
import {
  MAX_SWEEP_POINTS,
  axisLabels,
  checkAxes,
  gridSize,
  metricLabel,
  parseMetric,
  parseVary,
  pointCoordinates,
  sweepValue,
  valueText,
  type SweepAxis,
  type SweepMetric,
} from '../../src/core/sweep.js';

function axis(text: string): SweepAxis {
  const parsed = parseVary(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

function values(text: string): string[] {
  return axis(text).values.map(valueText);
}

function metric(text: string): SweepMetric {
  const parsed = parseMetric(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('parseVary', () => {
  it('computes FROM + i*STEP exactly: 0.1 steps do not drift', () => {
    expect(values('x=0:0.3:0.1')).toEqual(['0', '0.1', '0.2', '0.3']);
    expect(values('x=0.1:0.7:0.2')).toEqual(['0.1', '0.3', '0.5', '0.7']);
    expect(values('x=0:1:0.3')).toEqual(['0', '0.3', '0.6', '0.9']);
    expect(values('x=-0.3:0:0.1')).toEqual(['-0.3', '-0.2', '-0.1', '0']);
  });

  it('includes TO when the steps land on it, and a single value when FROM = TO', () => {
    expect(values('market.btc_price_usd.start=40000:120000:10000')).toHaveLength(9);
    expect(values('x=5:5:1')).toEqual(['5']);
    expect(values('x=1:2:5')).toEqual(['1']);
  });

  it('keeps the path, dots and ids included', () => {
    expect(axis('fleet.s21xp-2027.units=1:2:1').path).toBe('fleet.s21xp-2027.units');
  });

  it('refuses malformed specs, STEP <= 0, FROM > TO, exponents and huge ranges', () => {
    for (const bad of ['x', 'x=1:2', '=1:2:1', 'x=1:2:3:4', 'x=a:2:1', 'x=1:2:1e2', 'x=1:2:0', 'x=1:2:-1', 'x=3:1:1', 'x=+1:2:1']) {
      expect(parseVary(bad).ok, bad).toBe(false);
    }
    const huge = parseVary('x=0:1000000:1');
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.message).toContain(`at most ${MAX_SWEEP_POINTS}`);
    // a range of astronomically many steps is refused without building it
    expect(parseVary('x=0:100000000000000000:0.000001').ok).toBe(false);
  });

  it('property: n+1 values FROM + i*STEP exactly when TO lies in [FROM + n*STEP, FROM + (n+1)*STEP)', () => {
    const dec = (scale: number) =>
      fc.tuple(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 0, max: scale })).map(([n, s]) => new Decimal(n).div(10 ** s));
    const positive = fc.tuple(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 0, max: 5 })).map(([n, s]) => new Decimal(n).div(10 ** s));
    fc.assert(
      fc.property(dec(4), positive, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 99 }), (from, step, n, extra) => {
        const to = from.plus(step.times(n)).plus(step.times(extra).div(100));
        const parsed = parseVary(`p=${from.toFixed()}:${to.toFixed()}:${step.toFixed()}`);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const xs = parsed.value.values;
        expect(xs).toHaveLength(n + 1);
        xs.forEach((x, i) => expect(x.eq(from.plus(step.times(i)))).toBe(true));
      }),
      { numRuns: 300 },
    );
  });
});

describe('grids', () => {
  it('checks 1 or 2 distinct axes and the total size', () => {
    expect(checkAxes([])?.message).toContain('--vary');
    expect(checkAxes([axis('a=1:2:1')])).toBeNull();
    expect(checkAxes([axis('a=1:2:1'), axis('a=1:3:1')])?.message).toContain('twice');
    expect(checkAxes([axis('a=1:2:1'), axis('b=1:2:1'), axis('c=1:2:1')])?.message).toContain('at most 2');
    const big = [axis('a=1:1000:1'), axis('b=1:101:1')];
    expect(gridSize(big)).toBe(101000);
    expect(checkAxes(big)?.message).toContain('101000 points (1000 x 101)');
  });

  it('numbers points row-major: the second axis varies fastest', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => pointCoordinates([2, 3], i))).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(pointCoordinates([7], 5)).toEqual([5]);
  });

  it('labels axes by their last key, with more keys when two would clash', () => {
    expect(axisLabels(['market.btc_price_usd.start', 'market.network_hashrate_ehs.growth_pct_per_year'])).toEqual(['start', 'growth_pct_per_year']);
    expect(axisLabels(['market.btc_price_usd.start', 'market.network_hashrate_ehs.start'])).toEqual(['btc_price_usd.start', 'network_hashrate_ehs.start']);
    expect(axisLabels(['months'])).toEqual(['months']);
  });
});

describe('parseMetric', () => {
  it('reads reductions, defaults to the period rule, and takes summary names bare', () => {
    expect(metricLabel(metric('cash_usd:min'))).toBe('cash_usd:min');
    expect(metricLabel(metric('cash_usd'))).toBe('cash_usd:end');
    expect(metricLabel(metric('btc_mined'))).toBe('btc_mined:sum');
    expect(metricLabel(metric('btc_price_usd'))).toBe('btc_price_usd:mean');
    expect(metricLabel(metric('funding_gap_usd'))).toBe('funding_gap_usd:max');
    expect(metricLabel(metric('btc_held:at=2028-12'))).toBe('btc_held:at=2028-12');
    expect(metric('npv_usd')).toEqual({ kind: 'summary', name: 'npv_usd' });
  });

  it('refuses unknown metrics with a did-you-mean and the valid names', () => {
    const r = parseMetric('cash_us:min');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe('unknown metric `cash_us` (did you mean `cash_usd`?)');
    expect(r.error.hint).toContain('btc_price_usd');
    expect(r.error.hint).toContain('npv_usd');
  });

  it('refuses bad reductions, bad months, and reductions on summary values', () => {
    expect(parseMetric('cash_usd:median').ok).toBe(false);
    expect(parseMetric('cash_usd:at=2028-13').ok).toBe(false);
    expect(parseMetric('npv_usd:min').ok).toBe(false);
  });
});

describe('sweepValue', () => {
  const month = (m: string, cash: string, mined: string): MonthResult =>
    ({ month: parseMonth(m)!, cash_usd: new Decimal(cash), btc_mined: new Decimal(mined) }) as unknown as MonthResult;
  const sim = {
    months: [month('2027-01', '10.005', '0.5'), month('2027-02', '-3.125', '0.25'), month('2027-03', '7', '0.000000005')],
    summary: { npv_usd: new Decimal('1.235') },
  } as unknown as Simulation;

  it('reduces over the months, then rounds half-even to the unit places', () => {
    expect(sweepValue(sim, metric('cash_usd:min'))!.toFixed(2)).toBe('-3.12');
    expect(sweepValue(sim, metric('cash_usd:max'))!.toFixed(2)).toBe('10.00');
    expect(sweepValue(sim, metric('cash_usd:end'))!.toFixed(2)).toBe('7.00');
    expect(sweepValue(sim, metric('cash_usd:sum'))!.toFixed(2)).toBe('13.88');
    expect(sweepValue(sim, metric('cash_usd:at=2027-02'))!.toFixed(2)).toBe('-3.12');
    expect(sweepValue(sim, metric('btc_mined'))!.toFixed(8)).toBe('0.75000000');
    expect(sweepValue(sim, metric('npv_usd'))!.toFixed(2)).toBe('1.24');
  });

  it('is null for an at month outside the simulation', () => {
    expect(sweepValue(sim, metric('cash_usd:at=2030-01'))).toBeNull();
  });
});
