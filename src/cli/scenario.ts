/**
 * Picking the scenario a command runs: `base` (the plan as written) or a named scenario.
 */
import type { Plan } from '../core/plan.js';
import { didYouMean } from '../io/diagnostic.js';
import type { LoadedPlan } from '../io/load-plan.js';
import { UsageError } from './io.js';

export const BASE = 'base';

/** The Plan of scenario `name`; a UsageError naming the valid scenarios otherwise. */
export function selectScenario(loaded: LoadedPlan, name: string | undefined): Plan {
  if (name === undefined || name === BASE) return loaded.base;
  const plan = loaded.scenarios.get(name);
  if (plan) return plan;
  const names = [BASE, ...loaded.scenarioNames.filter((n) => n !== BASE)];
  throw new UsageError(`unknown scenario \`${name}\` in ${loaded.file}`, didYouMean(name, names, 'scenarios'));
}
