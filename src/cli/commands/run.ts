/**
 * `hashpivot run PLAN`: the main job. Simulates the base plan or a scenario and prints the
 * months, the summary and the decisions as a table, JSON, CSV or Markdown.
 */
import type { Command } from 'commander';
import {
  ALL_COLUMNS,
  BREAKDOWN_KINDS,
  DEFAULT_TABLE_COLUMNS,
  PERIODS,
  buildReport,
  parseColumns,
  type BreakdownKind,
  type Period,
  type Report,
  type ReportTitle,
} from '../../core/report.js';
import type { MetricName } from '../../core/results.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { loadPlanFile, printDiagnostics } from '../load.js';
import { collect, oneOf, resolveFormat, sha256, type Format } from '../options.js';
import { emitOutput } from '../output.js';
import { BASE, selectScenario } from '../scenario.js';
import { simulateOnce } from '../simulate-once.js';

export interface RunOptions {
  readonly scenario?: string;
  readonly set?: readonly string[];
  readonly format?: string;
  readonly period?: string;
  readonly columns?: string;
  readonly by?: string;
  readonly output?: string;
  readonly color?: boolean;
}

/** The metrics to report: --columns, else the table defaults (table, md) or every metric. */
export function resolveColumns(columns: string | undefined, format: Format): readonly MetricName[] {
  if (columns === undefined) return format === 'table' || format === 'md' ? DEFAULT_TABLE_COLUMNS : ALL_COLUMNS;
  const parsed = parseColumns(columns);
  if (parsed.ok) return parsed.columns;
  throw new UsageError(`--columns: ${parsed.errors.map((e) => e.message).join('; ')}`, parsed.errors[0]!.hint);
}

export async function runRun(path: string, options: RunOptions, io: CliIo): Promise<number> {
  const format = resolveFormat(options.format, options.output);
  const period: Period = oneOf('--period', options.period ?? 'month', PERIODS);
  const by: BreakdownKind | null = options.by === undefined ? null : oneOf('--by', options.by, BREAKDOWN_KINDS);
  const columns = resolveColumns(options.columns, format);

  const scenario = options.scenario ?? BASE;
  const file = await loadPlanFile(path, io, options.set ?? [], [scenario]);
  await printDiagnostics(file, io, options.color);
  if (!file.plan) return EXIT.invalid;
  const plan = selectScenario(file.plan, scenario);

  const simulation = simulateOnce(plan, io);
  const report = buildReport(simulation, { period, columns, by });
  const title: ReportTitle = { plan: { name: plan.name, file: path }, scenario };
  await emitOutput(io, { output: options.output, inputs: [path], format, color: options.color }, (color) =>
    render(format, report, title, file.bytes, color),
  );
  return EXIT.ok;
}

/**
 * Renders with the format's renderer, loaded on demand (the table pulls in chalk and
 * cli-table3). Only JSON carries the plan's sha256, so only JSON hashes `bytes`.
 */
export async function render(format: Format, report: Report, title: ReportTitle, bytes: Uint8Array | undefined, color: boolean): Promise<string> {
  switch (format) {
    case 'table':
      return (await import('../../io/render-table.js')).renderTable(report, title, { color });
    case 'json':
      return (await import('../../io/render-json.js')).renderJson(report, { ...title, plan: { ...title.plan, sha256: await sha256(bytes) } });
    case 'csv':
      return (await import('../../io/render-csv.js')).renderCsv(report);
    case 'md':
      return (await import('../../io/render-md.js')).renderMarkdown(report, title);
  }
}

export function registerRun(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('run')
    .description('simulate a plan month by month and print the results')
    .argument('<plan>', 'plan file (`-` reads standard input)')
    .option('-s, --scenario <name>', 'run a scenario of the plan instead of base')
    .option('--set <path=value>', 'override a plan value, e.g. --set market.btc_price_usd.start=60000 (repeatable)', collect)
    .option('-f, --format <format>', 'table | json | csv | md (default: table, or from the --output extension)')
    .option('-p, --period <period>', 'month | quarter | year', 'month')
    .option('-c, --columns <list>', 'comma-separated metric names (see docs/results.md), or all')
    .option('--by <kind>', 'add a per-site or per-batch breakdown: site | batch')
    .option('-o, --output <file>', 'write to FILE atomically instead of stdout (never over the plan)')
    .option('--color', 'force colour in the table')
    .option('--no-color', 'no colour')
    .action(async (path: string, options: RunOptions) => done(await runRun(path, options, io)));
}
