/**
 * `hashpivot compare PLAN`: base and the plan's scenarios side by side: the summary with
 * one column per run, then chosen metrics by period. Table, JSON, CSV (long format) or
 * Markdown; docs/compare-diff.md describes every layout.
 * Exit 0, or 2 for an invalid plan or a usage error (unknown scenario, metric, format...).
 */
import type { Command } from 'commander';
import { buildComparison, type Comparison, type NamedSimulation } from '../../core/compare.js';
import { PERIODS, parseColumns, type Period } from '../../core/report.js';
import type { MetricName } from '../../core/results.js';
import { simulate } from '../../core/simulate.js';
import { didYouMean } from '../../io/diagnostic.js';
import type { LoadedPlan } from '../../io/load-plan.js';
import type { CompareMeta } from '../../io/render-compare.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { loadPlanFile, printDiagnostics } from '../load.js';
import { emitOutput } from '../output.js';
import { BASE, selectScenario } from '../scenario.js';
import { oneOf, resolveFormat, sha256, type Format } from '../options.js';

/** Metrics compared by period when `--metrics` is not given (every format). */
export const DEFAULT_COMPARE_METRICS: readonly MetricName[] = [
  'btc_price_usd',
  'mining_mw',
  'hosting_mw',
  'btc_mined',
  'btc_held',
  'cash_usd',
  'funding_gap_usd',
];

export interface CompareCliOptions {
  /** comma-separated run names (`base` allowed); default base and every scenario in file order */
  readonly scenarios?: string;
  /** comma-separated metric names or `all` (as `run --columns`) */
  readonly metrics?: string;
  readonly period?: string;
  readonly format?: string;
  readonly output?: string;
  readonly color?: boolean;
}

/** `--metrics`: parsed like `run --columns`; a UsageError listing the valid names otherwise. */
export function resolveMetrics(text: string | undefined, flag: string, defaults: readonly MetricName[]): readonly MetricName[] {
  if (text === undefined) return defaults;
  const parsed = parseColumns(text);
  if (parsed.ok) return parsed.columns;
  throw new UsageError(`${flag}: ${parsed.errors.map((e) => e.message).join('; ')}`, parsed.errors[0]!.hint);
}

/**
 * `--scenarios a,b,...` (spaces around names ignored): each name must be `base` or a
 * scenario of the plan, listed once. Undefined means base then every scenario in file order.
 */
export function resolveScenarioNames(text: string | undefined, loaded: LoadedPlan): string[] {
  const available = [BASE, ...loaded.scenarios.keys()];
  if (text === undefined) return available;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--scenarios lists no scenario', `valid scenarios: ${available.map((n) => `\`${n}\``).join(', ')}`);
  const seen = new Set<string>();
  for (const name of names) {
    if (!available.includes(name)) {
      throw new UsageError(`unknown scenario \`${name}\` in ${loaded.file}`, didYouMean(name, available, 'scenarios'));
    }
    if (seen.has(name)) throw new UsageError(`--scenarios lists \`${name}\` twice`, 'list each scenario once');
    seen.add(name);
  }
  return names;
}

export async function runCompare(path: string, options: CompareCliOptions, io: CliIo): Promise<number> {
  const format = resolveFormat(options.format, options.output);
  const period: Period = oneOf('--period', options.period ?? 'month', PERIODS);
  const metrics = resolveMetrics(options.metrics, '--metrics', DEFAULT_COMPARE_METRICS);

  const file = await loadPlanFile(path, io);
  await printDiagnostics(file, io, options.color);
  if (!file.plan) return EXIT.invalid;
  const loaded = file.plan;
  const names = resolveScenarioNames(options.scenarios, loaded);

  const runs: NamedSimulation[] = names.map((name) => ({ name, simulation: simulate(selectScenario(loaded, name)) }));
  const model = buildComparison(runs, { period, metrics });
  const meta: CompareMeta = { plan: { name: loaded.base.name, file: path, sha256: await sha256(file.bytes) } };
  await emitOutput(io, { output: options.output, inputs: [path], format, color: options.color }, (color) => renderComparison(format, model, meta, color));
  return EXIT.ok;
}

/** Renders with the format's renderer, loaded on demand (the table pulls in chalk and cli-table3). */
export async function renderComparison(format: Format, model: Comparison, meta: CompareMeta, color: boolean): Promise<string> {
  const r = await import('../../io/render-compare.js');
  switch (format) {
    case 'table':
      return r.renderCompareTable(model, meta, { color });
    case 'json':
      return r.renderCompareJson(model, meta);
    case 'csv':
      return r.renderCompareCsv(model);
    case 'md':
      return r.renderCompareMarkdown(model, meta);
  }
}

export function registerCompare(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('compare')
    .description('base and the scenarios side by side: summary and metrics by period')
    .argument('<plan>', 'plan file (`-` reads standard input)')
    .option('--scenarios <list>', 'comma-separated runs to compare, `base` included (default: base and every scenario)')
    .option('-m, --metrics <list>', `metrics by period, comma-separated, or all (default: ${DEFAULT_COMPARE_METRICS.join(',')})`)
    .option('-p, --period <period>', 'month | quarter | year', 'month')
    .option('-f, --format <format>', 'table | json | csv | md (default: table, or from the --output extension)')
    .option('-o, --output <file>', 'write to FILE atomically instead of stdout (never over the plan)')
    .option('--color', 'force colour in the table')
    .option('--no-color', 'no colour')
    .action(async (path: string, options: CompareCliOptions) => done(await runCompare(path, options, io)));
}
