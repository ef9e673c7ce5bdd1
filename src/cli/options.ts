/**
 * Option values shared by the commands: output formats, checked enumerations, repeatable
 * flags and the plan's fingerprint. Flags are validated here, at the boundary.
 */
import { extname } from 'node:path';
import { didYouMean } from '../io/diagnostic.js';
import { UsageError } from './io.js';

export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];

const EXTENSION_FORMATS: Readonly<Record<string, Format>> = { '.json': 'json', '.csv': 'csv', '.md': 'md', '.txt': 'table' };

/** Checks a flag value against its allowed values: a UsageError with a hint otherwise. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got \`${value}\``, didYouMean(value, allowed, 'values'));
}

/** The output format: --format, else the --output extension, else table. */
export function resolveFormat(format: string | undefined, output: string | undefined): Format {
  if (format !== undefined) return oneOf('--format', format, FORMATS);
  if (output === undefined) return 'table';
  const fromExtension = EXTENSION_FORMATS[extname(output).toLowerCase()];
  if (fromExtension) return fromExtension;
  throw new UsageError(`cannot tell the format of ${output} from its extension`, 'use .json, .csv, .md or .txt, or give --format');
}

/** Hex SHA-256 of a plan's bytes: which file a result came from. */
export async function sha256(bytes: Uint8Array | undefined): Promise<string> {
  // node:crypto takes ~6 ms to load cold: only the commands whose output shows the hash pay it
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes ?? new Uint8Array()).digest('hex');
}

/** Commander's accumulator for a repeatable flag (`--set`, `--vary`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
