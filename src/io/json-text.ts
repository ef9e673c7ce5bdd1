/**
 * Writing JSON by hand so numbers stay exact: a JSON value whose object keys keep their
 * order and whose numbers are decimal text (never through a JS number, never in exponent
 * notation). Indentation is 2 spaces, like JSON.stringify(x, null, 2).
 */
import type { Decimal } from '../core/decimal.js';
import type { ReportMeta } from '../core/report.js';
import { formatPlain } from './format-number.js';

export type Json =
  | string
  | boolean
  | null
  | { readonly number: string }
  | readonly Json[]
  | { readonly entries: readonly (readonly [string, Json])[] };

/** A decimal number with `places` decimals. */
export function num(x: Decimal, places: number): Json {
  return { number: formatPlain(x, places) };
}

/** A decimal number as written (no fixed places). */
export function exact(x: Decimal): Json {
  return { number: x.toFixed() };
}

/** An integer count. */
export function int(n: number): Json {
  return { number: String(n) };
}

export function obj(entries: readonly (readonly [string, Json])[]): Json {
  return { entries };
}

/** The `plan` object of every JSON document: name, file as given, sha256 of its bytes. */
export function planJson(plan: ReportMeta['plan']): Json {
  return obj([
    ['name', plan.name],
    ['file', plan.file],
    ['sha256', plan.sha256],
  ]);
}

export function stringifyJson(value: Json, indent = ''): string {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + stringifyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if ('number' in value) return value.number;
  if (value.entries.length === 0) return '{}';
  const lines = value.entries.map(([k, v]) => `${inner}${keyText(k)}: ${stringifyJson(v, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function isArray(value: Json): value is readonly Json[] {
  return Array.isArray(value);
}

/** Object keys repeat in every month, row and decision: each is quoted once. */
const keyTexts = new Map<string, string>();

function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (keyTexts.size < 4096) keyTexts.set(key, text);
  }
  return text;
}
