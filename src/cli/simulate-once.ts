/**
 * One simulation for a command that runs one (run, explain).
 *
 * A new process runs the reference plan in a few tens of milliseconds, which is shorter
 * than V8 takes to optimize the hot decimal code: its optimizing compiler (TurboFan) starts
 * compiles on a second thread that finish after the work is done, and the process then
 * waits for them before it exits. So a small plan is simulated with the optimizer off
 * (`CliIo.withoutOptimizer`); a large one, which runs long enough to repay it, with it on.
 * Measured (docs/benchmarks.md): a cold `run` of the reference plan (252 month-entities)
 * is ~15-40 ms faster, and of the reference plan stretched to 120 months (840) ~50 ms; at
 * 300 months (2,100) turning it off no longer paid in whole-process time, and a 120-month
 * plan of 60 entities (7,200) simulates slower without it.
 */
import type { Plan } from '../core/plan.js';
import type { Simulation } from '../core/results.js';
import { simulate } from '../core/simulate.js';
import type { CliIo } from './io.js';

/** Largest plan, in months x (sites + batches + hosting contracts), simulated without the optimizer. */
export const SHORT_SIMULATION_SIZE = 1000;

/** The plan's size in month-entities: months x (sites + batches + hosting contracts). */
export function simulationSize(plan: Plan): number {
  return plan.months * (plan.sites.length + plan.fleet.length + plan.hosting.length);
}

export function simulateOnce(plan: Plan, io: CliIo): Simulation {
  if (io.withoutOptimizer !== undefined && simulationSize(plan) <= SHORT_SIMULATION_SIZE) {
    return io.withoutOptimizer(() => simulate(plan));
  }
  return simulate(plan);
}
