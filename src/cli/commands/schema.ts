/**
 * `hashpivot schema`: prints the JSON Schema of plan format v1, generated from the schema
 * the loader validates with.
 */
import type { Command } from 'commander';
import { planJsonSchema } from '../../io/plan-schema.js';
import { EXIT, type CliIo } from '../io.js';

export function runSchema(io: CliIo): number {
  io.stdout(JSON.stringify(planJsonSchema(), null, 2) + '\n');
  return EXIT.ok;
}

export function registerSchema(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of the plan format (for editors: `hashpivot schema > plan.schema.json`)')
    .action(() => done(runSchema(io)));
}
