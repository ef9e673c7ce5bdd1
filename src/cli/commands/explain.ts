/**
 * `hashpivot explain PLAN --month YYYY-MM [--scenario NAME] [--set PATH=VALUE]...`: prints
 * one month's whole trace (market, dispatch in merit order, power bills, hosting, costs,
 * treasury steps, balances, decisions) as readable text on stdout. Diagnostics and usage
 * errors go to stderr; an invalid plan, a bad month or an unknown scenario exit 2.
 */
import type { Command } from 'commander';
import { formatMonth, parseMonth } from '../../core/month.js';
import type { Plan } from '../../core/plan.js';
import { hasErrors } from '../../io/diagnostic.js';
import { EXIT, UsageError, useColor, type CliIo } from '../io.js';
import { loadPlanFile, printDiagnostics } from '../load.js';
import { collect } from '../options.js';
import { BASE, selectScenario } from '../scenario.js';
import { simulateOnce } from '../simulate-once.js';

export interface ExplainOptions {
  /** `YYYY-MM`, inside the plan's horizon (required) */
  readonly month?: string;
  /** `base` (default) or one of the plan's scenarios */
  readonly scenario?: string;
  /** `--set PATH=VALUE` overrides, applied on top of the chosen scenario */
  readonly set?: readonly string[];
  readonly color?: boolean;
}

function horizonText(plan: Plan): string {
  return `${formatMonth(plan.start)}..${formatMonth(plan.end)}`;
}

export async function runExplain(path: string, options: ExplainOptions, io: CliIo): Promise<number> {
  if (options.month === undefined) {
    throw new UsageError('explain needs --month YYYY-MM', 'e.g. `hashpivot explain plan.yaml --month 2028-03`');
  }
  const scenario = options.scenario ?? BASE;
  const file = await loadPlanFile(path, io, options.set ?? [], [scenario]);
  await printDiagnostics(file, io, options.color);
  if (!file.plan || hasErrors(file.diagnostics)) return EXIT.invalid;

  const plan = selectScenario(file.plan, scenario);
  const month = parseMonth(options.month);
  if (month === undefined) {
    throw new UsageError(
      `--month must be a month as YYYY-MM, got \`${options.month}\``,
      `the plan runs ${horizonText(plan)}, e.g. --month ${formatMonth(plan.start)}`,
    );
  }
  if (month < plan.start || month > plan.end) {
    throw new UsageError(
      `--month ${formatMonth(month)} is outside the plan's horizon`,
      `the plan runs ${horizonText(plan)}${scenario === BASE ? '' : ` in scenario \`${scenario}\``}`,
    );
  }

  const simulation = simulateOnce(plan, io);
  const result = simulation.months[month - plan.start]!;
  const color = useColor(io.stdoutIsTTY, io.env, options.color);
  // the renderer (and chalk) loads on demand, as every command's renderers do
  const { renderExplain } = await import('../../io/render-explain.js');
  io.stdout(renderExplain(result, { planName: plan.name, scenario, fleet: plan.fleet }, { color }));
  return EXIT.ok;
}

export function registerExplain(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('explain')
    .description("print one month's whole calculation: market, dispatch, power bills, hosting, costs, treasury, decisions")
    .argument('<plan>', 'plan file (`-` reads standard input)')
    .requiredOption('--month <YYYY-MM>', 'the month to explain (inside the plan horizon)')
    .option('-s, --scenario <name>', '`base` (default) or a scenario of the plan')
    .option('--set <path=value>', 'override a plan value (repeatable), e.g. --set market.btc_price_usd=60000', collect)
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action(async (path: string, options: ExplainOptions) => done(await runExplain(path, options, io)));
}
