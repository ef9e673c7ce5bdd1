/**
 * Evaluating a contiguous chunk of sweep points: the one function both the worker thread
 * (src/cli/sweep-worker.ts) and the in-process path run, so the results cannot differ.
 *
 * A point is the plan text loaded with the point's `PATH=value` overrides exactly as
 * `run --set PATH=value` loads it (scenario applied first, the overrides on top), then
 * simulated, then reduced to the metric. Everything crossing a thread boundary is plain
 * data (strings and numbers): results are decimal text at output precision.
 */
import type { Plan } from '../core/plan.js';
import { simulate } from '../core/simulate.js';
import { metricDecimals, parseMetric, pointCoordinates, sweepValue } from '../core/sweep.js';
import { hasErrors } from '../io/diagnostic.js';
import { loadPlanTree } from '../io/load-plan.js';
import { parseYamlTree } from '../io/yaml-tree.js';
import { parseSetArgument, type Override } from '../io/overrides.js';

/** What a chunk needs: structured-clone safe. */
export interface ChunkJob {
  /** the plan file's text and its name for diagnostics */
  readonly text: string;
  readonly file: string;
  /** `base` or a scenario name (already checked to exist) */
  readonly scenario: string;
  /** the axes' paths and their values as plain decimal text */
  readonly axes: readonly { readonly path: string; readonly values: readonly string[] }[];
  /** the `--metric` text (already checked to parse) */
  readonly metric: string;
  /** point indices [start, end), row-major */
  readonly start: number;
  readonly end: number;
  /** report progress (stderr is a terminal) */
  readonly progress: boolean;
}

/** A chunk's outcome: every result, or the first point (lowest index) whose plan is invalid. */
export type ChunkOutcome =
  | { readonly kind: 'done'; readonly start: number; readonly results: readonly string[] }
  | {
      readonly kind: 'invalid';
      readonly index: number;
      /** `market.btc_price_usd.start=-10000, ...` */
      readonly point: string;
      readonly message: string;
      readonly hint?: string;
    };

/** Progress is reported at most every this many points (and at the end). */
export const PROGRESS_EVERY = 4;

/**
 * Evaluates points `job.start` to `job.end - 1`; stops at the first invalid point.
 * `onProgress(done)` gets the number of points finished so far in this chunk.
 */
export function evaluateChunk(job: ChunkJob, onProgress?: (done: number) => void): ChunkOutcome {
  const parsed = parseMetric(job.metric);
  if (!parsed.ok) throw new Error(`sweep chunk: bad metric ${job.metric}`);
  const metric = parsed.value;
  const places = metricDecimals(metric);
  const lengths = job.axes.map((a) => a.values.length);
  // One override per axis value, parsed once per chunk.
  const overrides = job.axes.map((a) => new Map<number, Override>());
  const overrideFor = (axis: number, valueIndex: number): Override => {
    const cached = overrides[axis]!.get(valueIndex);
    if (cached) return cached;
    const argument = `${job.axes[axis]!.path}=${job.axes[axis]!.values[valueIndex]!}`;
    const set = parseSetArgument(argument).override;
    if (!set) throw new Error(`sweep chunk: cannot parse ${argument}`);
    overrides[axis]!.set(valueIndex, set);
    return set;
  };

  // The text is parsed once per chunk; each point applies its overrides to the same tree.
  const tree = parseYamlTree(job.text, job.file).root;
  if (tree === undefined) throw new Error('sweep chunk: the plan does not parse');

  const results: string[] = [];
  for (let index = job.start; index < job.end; index++) {
    const coordinates = pointCoordinates(lengths, index);
    const sets = coordinates.map((c, axis) => overrideFor(axis, c));
    const point = coordinates.map((c, axis) => `${job.axes[axis]!.path}=${job.axes[axis]!.values[c]!}`).join(', ');
    const loaded = loadPlanTree(tree, job.file, { sets, scenarios: [job.scenario] });
    const firstError = loaded.diagnostics.find((d) => d.severity === 'error');
    if (!loaded.plan || hasErrors(loaded.diagnostics)) {
      return invalid(index, point, firstError?.message ?? 'the plan does not load', firstError?.hint);
    }
    const plan: Plan | undefined = job.scenario === 'base' ? loaded.plan.base : loaded.plan.scenarios.get(job.scenario);
    if (!plan) throw new Error(`sweep chunk: scenario ${job.scenario} disappeared at ${point}`);
    const value = sweepValue(simulate(plan), metric);
    if (value === null) {
      return invalid(index, point, `--metric ${job.metric}: the month is outside this point's horizon`, 'pick a month every point simulates');
    }
    results.push(value.toFixed(places)); // already rounded to `places`: exact text
    const done = index + 1 - job.start;
    if (onProgress && (done % PROGRESS_EVERY === 0 || index + 1 === job.end)) onProgress(done);
  }
  return { kind: 'done', start: job.start, results };
}

function invalid(index: number, point: string, message: string, hint: string | undefined): ChunkOutcome {
  return hint === undefined ? { kind: 'invalid', index, point, message } : { kind: 'invalid', index, point, message, hint };
}

/**
 * Where the worker entry is: `sweep-worker.js` beside this module. In the esbuild bundle
 * every chunk sits flat in dist/, so that is dist/sweep-worker.js (a second entry point in
 * build.mjs). When this module runs from TypeScript sources (vitest), there is no JS
 * worker to start: null, and the caller runs the same chunks in-process.
 */
export function sweepWorkerUrl(): URL | null {
  const here = import.meta.url;
  return /\.[cm]?ts$/.test(new URL(here).pathname) ? null : new URL('./sweep-worker.js', here);
}
