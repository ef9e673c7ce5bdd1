/**
 * `hashpivot diff OLD NEW`: what changed between two versions of a plan (a quarter-over-
 * quarter review): every input path that differs, then the result deltas of one scenario
 * (summary and metrics by period). Table, JSON, CSV or Markdown; docs/compare-diff.md.
 * Exit 0 whether or not the plans differ (a difference is not a failure); 2 for an
 * invalid plan or a usage error.
 */
import type { Command } from 'commander';
import { diffResults } from '../../core/diff.js';
import { DEFAULT_TABLE_COLUMNS, PERIODS, type Period } from '../../core/report.js';
import { simulate } from '../../core/simulate.js';
import { diffPlanTrees } from '../../io/plan-diff.js';
import type { DiffMeta, PlanDiff } from '../../io/render-diff.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { loadPlanFile, printDiagnostics } from '../load.js';
import { emitOutput } from '../output.js';
import { BASE, selectScenario } from '../scenario.js';
import { resolveMetrics } from './compare.js';
import { oneOf, resolveFormat, sha256, type Format } from '../options.js';

export interface DiffCliOptions {
  /** `base` (default) or a scenario both plans have */
  readonly scenario?: string;
  /** metrics by period, comma-separated or `all`; default `run`'s table columns */
  readonly columns?: string;
  readonly period?: string;
  readonly format?: string;
  readonly output?: string;
  readonly color?: boolean;
}

export async function runDiff(oldPath: string, newPath: string, options: DiffCliOptions, io: CliIo): Promise<number> {
  const format = resolveFormat(options.format, options.output);
  const period: Period = oneOf('--period', options.period ?? 'month', PERIODS);
  const metrics = resolveMetrics(options.columns, '--columns', DEFAULT_TABLE_COLUMNS);
  if (oldPath === '-' && newPath === '-') {
    throw new UsageError('only one of OLD and NEW can be `-` (standard input)', 'give the other plan as a file');
  }

  const scenario = options.scenario ?? BASE;
  const oldFile = await loadPlanFile(oldPath, io, [], [scenario]);
  await printDiagnostics(oldFile, io, options.color);
  const newFile = await loadPlanFile(newPath, io, [], [scenario]);
  await printDiagnostics(newFile, io, options.color);
  if (!oldFile.plan || !newFile.plan) return EXIT.invalid;

  const oldPlan = selectScenario(oldFile.plan, scenario);
  const newPlan = selectScenario(newFile.plan, scenario);
  const diff: PlanDiff = {
    inputs: diffPlanTrees(oldFile.plan.root, newFile.plan.root),
    results: diffResults(simulate(oldPlan), simulate(newPlan), { period, metrics }),
  };
  const meta: DiffMeta = {
    old: { name: oldPlan.name, file: oldPath, sha256: await sha256(oldFile.bytes) },
    new: { name: newPlan.name, file: newPath, sha256: await sha256(newFile.bytes) },
    scenario,
  };
  await emitOutput(io, { output: options.output, inputs: [oldPath, newPath], format, color: options.color }, (color) => renderDiff(format, diff, meta, color));
  return EXIT.ok;
}

/** Renders with the format's renderer, loaded on demand (the table pulls in chalk and cli-table3). */
export async function renderDiff(format: Format, diff: PlanDiff, meta: DiffMeta, color: boolean): Promise<string> {
  const r = await import('../../io/render-diff.js');
  switch (format) {
    case 'table':
      return r.renderDiffTable(diff, meta, { color });
    case 'json':
      return r.renderDiffJson(diff, meta);
    case 'csv':
      return r.renderDiffCsv(diff);
    case 'md':
      return r.renderDiffMarkdown(diff, meta);
  }
}

export function registerDiff(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('diff')
    .description('input changes and result deltas between two versions of a plan (exit 0 either way)')
    .argument('<old>', 'the earlier plan file (`-` reads standard input)')
    .argument('<new>', 'the later plan file (`-` reads standard input)')
    .option('-s, --scenario <name>', '`base` (default) or a scenario both plans have')
    .option('-c, --columns <list>', 'metrics by period, comma-separated, or all (default: as `run`\'s table)')
    .option('-p, --period <period>', 'month | quarter | year', 'month')
    .option('-f, --format <format>', 'table | json | csv | md (default: table, or from the --output extension)')
    .option('-o, --output <file>', 'write to FILE atomically instead of stdout (never over either plan)')
    .option('--color', 'force colour in the table')
    .option('--no-color', 'no colour')
    .action(async (oldPath: string, newPath: string, options: DiffCliOptions) => done(await runDiff(oldPath, newPath, options, io)));
}
