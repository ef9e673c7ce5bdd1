/**
 * `hashpivot check PLAN...`: validates each plan, runs base and every scenario, evaluates
 * the plan's `checks` and prints each check per scenario as pass or fail. For CI.
 * Exit 0 when all pass, 1 when any fails, 2 when any plan is invalid.
 */
import type { Command } from 'commander';
import { anyCheckAppliesTo, evaluateChecks } from '../../core/checks.js';
import type { Simulation } from '../../core/results.js';
import { simulate } from '../../core/simulate.js';
import { nodeAt } from '../../io/yaml-tree.js';
import { renderChecksGithub, renderChecksJson, renderChecksText, type PlanChecks } from '../../io/render-checks.js';
import { lineOf } from '../../io/diagnostic.js';
import { EXIT, type CliIo } from '../io.js';
import { loadPlanFile, printDiagnostics } from '../load.js';
import { BASE } from '../scenario.js';
import { oneOf } from '../options.js';

export const CHECK_FORMATS = ['text', 'json', 'github'] as const;

export interface CheckOptions {
  readonly format?: string;
  readonly color?: boolean;
}

export async function runCheck(paths: readonly string[], options: CheckOptions, io: CliIo): Promise<number> {
  const format = oneOf('--format', options.format ?? 'text', CHECK_FORMATS);
  const plans: PlanChecks[] = [];
  let invalid = false;
  for (const path of paths) {
    const file = await loadPlanFile(path, io);
    await printDiagnostics(file, io, options.color);
    if (!file.plan) {
      invalid = true;
      continue;
    }
    const loaded = file.plan;
    // only the scenarios some check applies to: the others' results would go unread
    const simulations = new Map<string, Simulation>();
    for (const [name, plan] of [[BASE, loaded.base] as const, ...loaded.scenarios]) {
      if (anyCheckAppliesTo(loaded.base.checks, name)) simulations.set(name, simulate(plan));
    }
    const text = file.sources.get(loaded.file) ?? '';
    const checkLines = loaded.base.checks.map((_, i) => {
      const node = nodeAt(loaded.root, ['checks', i]);
      return node ? lineOf(text, node.range.start) : undefined;
    });
    plans.push({ file: path, results: evaluateChecks(loaded.base.checks, simulations), checkLines });
  }
  if (plans.length > 0) io.stdout(renderChecks(format, plans));
  if (invalid) return EXIT.invalid;
  return plans.some((p) => p.results.some((r) => !r.passed)) ? EXIT.checksFailed : EXIT.ok;
}

function renderChecks(format: (typeof CHECK_FORMATS)[number], plans: readonly PlanChecks[]): string {
  switch (format) {
    case 'text':
      return renderChecksText(plans);
    case 'json':
      return renderChecksJson(plans);
    case 'github':
      return renderChecksGithub(plans);
  }
}

export function registerCheck(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('check')
    .description("run base and every scenario and evaluate the plans' checks (exit 1 when any fails)")
    .argument('<plan...>', 'plan files (`-` reads standard input)')
    .option('-f, --format <format>', 'text | json | github (workflow annotations)', 'text')
    .option('--color', 'force colour in diagnostics')
    .option('--no-color', 'no colour in diagnostics')
    .action(async (paths: string[], options: CheckOptions) => done(await runCheck(paths, options, io)));
}
