/**
 * `hashpivot sweep PLAN --vary PATH=FROM:TO:STEP [--vary ...] --metric NAME[:REDUCTION]`:
 * one metric over a 1-D or 2-D grid of overrides (docs/sweep.md).
 *
 * Each point is the plan loaded exactly as `run --scenario S --set PATH=value` loads it,
 * simulated, and reduced to one number (src/core/sweep.ts). Grids of
 * {@link IN_PROCESS_BELOW} points or more are split into `--jobs` contiguous chunks: the
 * first runs on the main thread (which is already warmed up by loading the plan), each
 * other one in a worker thread (dist/sweep-worker.js). Results come back as exact decimal
 * text and are assembled by point index, so the output is byte-identical at any job count.
 * From TypeScript sources (vitest) there is no JS worker: every chunk runs in-process.
 */
import { availableParallelism } from 'node:os';
import type { Worker as WorkerThread } from 'node:worker_threads';
import type { Command } from 'commander';
import { formatMonth } from '../../core/month.js';
import type { Plan } from '../../core/plan.js';
import {
  axisLabels,
  checkAxes,
  gridSize,
  parseMetric,
  parseVary,
  valueText,
  type SweepAxis,
  type SweepMetric,
  type SweepReport,
} from '../../core/sweep.js';
import { loadPlanText } from '../../io/load-plan.js';
import { parseSetArgument } from '../../io/overrides.js';
import { EXIT, UsageError, useColor, type CliIo } from '../io.js';
import { loadPlanFile, printDiagnostics } from '../load.js';
import { emitOutput } from '../output.js';
import { BASE, selectScenario } from '../scenario.js';
import { evaluateChunk, sweepWorkerUrl, type ChunkJob, type ChunkOutcome } from '../sweep-chunk.js';
import { collect, resolveFormat, sha256, type Format } from '../options.js';

/** Grids smaller than this run in-process, whatever --jobs says (a worker costs more than it saves). */
export const IN_PROCESS_BELOW = 64;

/** A worker gets at least this many points, so a small grid does not start a worker per point. */
export const MIN_POINTS_PER_WORKER = 8;

/** Most worker threads `--jobs` may ask for. */
export const MAX_JOBS = 256;

/** The file name `--vary` diagnostics are shown under. */
export const VARY_FILE = '--vary';

export interface SweepOptions {
  readonly vary?: readonly string[];
  readonly metric?: string;
  readonly scenario?: string;
  readonly format?: string;
  readonly jobs?: string;
  readonly output?: string;
  readonly color?: boolean;
}

export async function runSweep(path: string, options: SweepOptions, io: CliIo): Promise<number> {
  const format = resolveFormat(options.format, options.output);
  const jobs = parseJobs(options.jobs);
  const metric = parseMetricOption(options.metric);
  const axes = parseAxes(options.vary ?? []);

  const scenario = options.scenario ?? BASE;
  const file = await loadPlanFile(path, io, [], [scenario]);
  await printDiagnostics(file, io, options.color);
  if (!file.plan) return EXIT.invalid;
  const plan = selectScenario(file.plan, scenario);
  checkMetricMonth(metric, plan, scenario);
  const text = file.sources.get(file.plan.file);
  if (text === undefined) throw new Error(`sweep: no source text for ${file.plan.file}`);

  // Fail fast on a bad path (or a bad first value), with the `--set` style diagnostic.
  for (const axis of axes) {
    if (!(await checkAxisPath(axis, text, file.plan.file, scenario, io, options.color))) return EXIT.invalid;
  }

  const total = gridSize(axes);
  const job: Omit<ChunkJob, 'start' | 'end'> = {
    text,
    file: file.plan.file,
    scenario,
    axes: axes.map((a) => ({ path: a.path, values: a.values.map(valueText) })),
    metric: options.metric!,
    progress: false,
  };
  const results = await evaluateGrid(job, total, jobs, io);

  const labels = axisLabels(axes.map((a) => a.path));
  const report: SweepReport = {
    plan: { name: plan.name, file: path, sha256: await sha256(file.bytes) },
    scenario,
    metric,
    axes: job.axes.map((a, k) => ({ path: a.path, label: labels[k]!, values: a.values })),
    results,
  };
  await emitOutput(io, { output: options.output, inputs: [path], format, color: options.color }, (color) => renderSweep(format, report, color));
  return EXIT.ok;
}

/** Renders with the format's renderer, loaded on demand (the table pulls in chalk). */
export async function renderSweep(format: Format, report: SweepReport, color: boolean): Promise<string> {
  const r = await import('../../io/render-sweep.js');
  switch (format) {
    case 'table':
      return r.renderSweepTable(report, { color });
    case 'json':
      return r.renderSweepJson(report);
    case 'csv':
      return r.renderSweepCsv(report);
    case 'md':
      return r.renderSweepMarkdown(report);
  }
}

/** `--jobs N`: a whole number 1..MAX_JOBS; default: the cores Node may use. */
export function parseJobs(text: string | undefined): number {
  if (text === undefined) return Math.max(1, availableParallelism());
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(n >= 1 && n <= MAX_JOBS)) {
    throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, got \`${text}\``, `this machine has ${availableParallelism()} cores`);
  }
  return n;
}

function parseMetricOption(text: string | undefined): SweepMetric {
  if (text === undefined) throw new UsageError('sweep needs --metric NAME[:min|max|end|sum|mean|at=YYYY-MM]', 'e.g. --metric cash_usd:min or --metric npv_usd');
  const parsed = parseMetric(text);
  if (!parsed.ok) throw new UsageError(parsed.error.message, parsed.error.hint);
  return parsed.value;
}

function parseAxes(texts: readonly string[]): SweepAxis[] {
  const axes: SweepAxis[] = [];
  for (const text of texts) {
    const parsed = parseVary(text);
    if (!parsed.ok) throw new UsageError(parsed.error.message, parsed.error.hint);
    axes.push(parsed.value);
  }
  const problem = checkAxes(axes);
  if (problem !== null) throw new UsageError(problem.message, problem.hint);
  return axes;
}

/** An `at=YYYY-MM` reduction must name a month of the chosen plan's horizon. */
function checkMetricMonth(metric: SweepMetric, plan: Plan, scenario: string): void {
  if (metric.kind !== 'monthly' || metric.reduction.kind !== 'at') return;
  const month = metric.reduction.month;
  if (month >= plan.start && month <= plan.end) return;
  throw new UsageError(
    `--metric ${metric.name}:at=${formatMonth(month)} is outside the plan's horizon`,
    `the plan runs ${formatMonth(plan.start)}..${formatMonth(plan.end)}${scenario === BASE ? '' : ` in scenario \`${scenario}\``}`,
  );
}

/**
 * Loads the plan with the axis at its first value alone, as `--set PATH=FROM` would, and
 * prints the errors (pointing into `PATH=FROM`, shown as `--vary`). False when it fails.
 */
async function checkAxisPath(
  axis: SweepAxis,
  text: string,
  file: string,
  scenario: string,
  io: CliIo,
  colorFlag: boolean | undefined,
): Promise<boolean> {
  const argument = `${axis.path}=${valueText(axis.values[0]!)}`;
  const parsed = parseSetArgument(argument, VARY_FILE);
  const loaded = parsed.override ? loadPlanText(text, file, { sets: [parsed.override], scenarios: [scenario] }) : { diagnostics: parsed.diagnostics };
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return true;
  const source = (name: string): string | undefined => (name === VARY_FILE ? argument : name === file ? text : undefined);
  const { formatDiagnostics } = await import('../format-diagnostics.js');
  io.stderr(formatDiagnostics(errors, source, useColor(io.stderrIsTTY, io.env, colorFlag)));
  return false;
}

/**
 * Evaluates every point and returns the results in point order. Splits the grid into
 * contiguous chunks (one per job): chunk 0 runs on this thread, the others in worker
 * threads when a JS worker exists (all in this thread otherwise). Throws a UsageError for
 * the lowest-index invalid point.
 */
async function evaluateGrid(base: Omit<ChunkJob, 'start' | 'end'>, total: number, jobs: number, io: CliIo): Promise<string[]> {
  const chunkCount = total < IN_PROCESS_BELOW ? 1 : Math.max(1, Math.min(jobs, Math.ceil(total / MIN_POINTS_PER_WORKER)));
  const progress = io.stderrIsTTY && total >= IN_PROCESS_BELOW ? new ProgressLine(io, total, chunkCount) : null;
  const onProgress = (k: number): ((done: number) => void) | undefined => (progress === null ? undefined : (done) => progress.update(k, done));
  const chunks: ChunkJob[] = [];
  for (let k = 0; k < chunkCount; k++) {
    const start = Math.floor((k * total) / chunkCount);
    const end = Math.floor(((k + 1) * total) / chunkCount);
    chunks.push({ ...base, start, end, progress: progress !== null });
  }
  const workerUrl = chunkCount > 1 ? sweepWorkerUrl() : null;
  let started: ReturnType<typeof startWorker>[] = [];
  if (workerUrl !== null) {
    // worker_threads is loaded only for a parallel sweep: every other command starts faster
    const { Worker } = await import('node:worker_threads');
    started = chunks.slice(1).map((chunk, i) => startWorker(Worker, workerUrl, chunk, onProgress(i + 1)));
  }
  const fromWorkers = Promise.all(started.map((w) => w.outcome));
  fromWorkers.catch(() => undefined); // awaited below; a rejection while this thread computes is not unhandled
  try {
    const outcomes: ChunkOutcome[] = [];
    const here = workerUrl === null ? chunks : chunks.slice(0, 1);
    for (let k = 0; k < here.length; k++) {
      const outcome = await evaluateHere(here[k]!, onProgress(k));
      outcomes.push(outcome);
      // chunk order is point order: an invalid point here is the lowest-index one
      if (outcome.kind === 'invalid') return assemble(outcomes, total);
    }
    outcomes.push(...(await fromWorkers));
    return assemble(outcomes, total);
  } finally {
    for (const w of started) void w.worker.terminate();
    progress?.clear();
  }
}

/** Points handled per turn of the event loop on this thread, so worker messages (progress) keep flowing. */
const POINTS_PER_TURN = 8;

/** Runs a chunk on this thread in slices of {@link POINTS_PER_TURN}, yielding between them; same results as one call. */
async function evaluateHere(chunk: ChunkJob, onProgress: ((done: number) => void) | undefined): Promise<ChunkOutcome> {
  const results: string[] = [];
  for (let start = chunk.start; start < chunk.end; start += POINTS_PER_TURN) {
    const end = Math.min(chunk.end, start + POINTS_PER_TURN);
    const offset = start - chunk.start;
    const slice = evaluateChunk({ ...chunk, start, end }, onProgress === undefined ? undefined : (done) => onProgress(offset + done));
    if (slice.kind === 'invalid') return slice;
    results.push(...slice.results);
    if (end < chunk.end) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { kind: 'done', start: chunk.start, results };
}

/** Results in point order, or a UsageError naming the lowest-index invalid point. */
function assemble(outcomes: readonly ChunkOutcome[], total: number): string[] {
  let firstInvalid: Extract<ChunkOutcome, { kind: 'invalid' }> | null = null;
  for (const o of outcomes) {
    if (o.kind === 'invalid' && (firstInvalid === null || o.index < firstInvalid.index)) firstInvalid = o;
  }
  if (firstInvalid !== null) {
    throw new UsageError(`sweep point ${firstInvalid.point} gives an invalid plan: ${firstInvalid.message}`, firstInvalid.hint);
  }
  const results = new Array<string>(total);
  for (const o of outcomes) {
    if (o.kind !== 'done') continue;
    o.results.forEach((r, i) => {
      results[o.start + i] = r;
    });
  }
  for (let i = 0; i < total; i++) if (results[i] === undefined) throw new Error(`sweep: no result for point ${i}`);
  return results;
}

/** Starts one chunk in a worker thread; a crash or an early exit rejects (an internal error). */
function startWorker(
  Worker: typeof WorkerThread,
  url: URL,
  job: ChunkJob,
  onProgress: ((done: number) => void) | undefined,
): { worker: WorkerThread; outcome: Promise<ChunkOutcome> } {
  const worker = new Worker(url, { workerData: job });
  const outcome = new Promise<ChunkOutcome>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: ChunkOutcome | { kind: 'progress'; done: number }) => {
      if (message.kind === 'progress') {
        onProgress?.(message.done);
        return;
      }
      settled = true;
      resolve(message);
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`sweep worker for points ${job.start}..${job.end - 1} exited with code ${code} before reporting`));
    });
  });
  return { worker, outcome };
}

/**
 * `sweep 340/1000` on stderr, rewritten in place with `\r`, at most once per percent;
 * cleared at the end. Only on a terminal.
 */
class ProgressLine {
  private readonly done: number[];
  private shown = -1;
  private width = 0;

  constructor(
    private readonly io: CliIo,
    private readonly total: number,
    chunks: number,
  ) {
    this.done = new Array<number>(chunks).fill(0);
    this.write(0);
  }

  update(chunk: number, done: number): void {
    this.done[chunk] = done;
    const sum = this.done.reduce((a, b) => a + b, 0);
    if (Math.floor((sum * 100) / this.total) !== Math.floor((this.shown * 100) / this.total) || sum === this.total) this.write(sum);
  }

  clear(): void {
    this.io.stderr(`\r${' '.repeat(this.width)}\r`);
  }

  private write(sum: number): void {
    if (sum === this.shown) return;
    this.shown = sum;
    const text = `sweep ${sum}/${this.total}`;
    this.width = Math.max(this.width, text.length);
    this.io.stderr(`\r${text}`);
  }
}

export function registerSweep(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('sweep')
    .description('one metric over a 1-D or 2-D grid of plan values (e.g. lowest cash by BTC price and hashrate growth)')
    .argument('<plan>', 'plan file (`-` reads standard input)')
    .option('--vary <path=from:to:step>', 'a plan path and its range, e.g. market.btc_price_usd.start=40000:120000:10000 (once or twice)', collect)
    .option('-m, --metric <name[:reduction]>', 'a monthly metric with :min, :max, :end, :sum, :mean or :at=YYYY-MM, or a summary value (npv_usd, ...)')
    .option('-s, --scenario <name>', 'sweep a scenario of the plan instead of base')
    .option('-f, --format <format>', 'table | json | csv | md (default: table, or from the --output extension)')
    .option('-j, --jobs <n>', 'worker threads for large grids (default: the number of cores)')
    .option('-o, --output <file>', 'write to FILE atomically instead of stdout (never over the plan)')
    .option('--color', 'force colour in the table')
    .option('--no-color', 'no colour')
    .action(async (path: string, options: SweepOptions) => done(await runSweep(path, options, io)));
}
