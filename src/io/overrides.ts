/**
 * Overrides: `PATH: VALUE` pairs of a scenario (spec section 6) and the CLI's
 * `--set PATH=VALUE`, applied to the located YAML tree before validation so that errors in
 * an overridden value point at the override's own line.
 *
 * A PATH is dotted keys; list items are addressed by `id` (ids may contain dots: the
 * longest id that matches wins); the last key may be new (the schema then checks it).
 */
import { didYouMean, error, type Diagnostic, type SourceRange } from './diagnostic.js';
import { parseYamlTree, type LEntry, type LMap, type LNode } from './yaml-tree.js';

export interface Override {
  readonly path: string;
  /** range of the path text (a scenario key, or the --set argument) */
  readonly pathRange: SourceRange;
  readonly value: LNode;
  /** the file the override is written in, for diagnostics */
  readonly file: string;
}

export interface ApplyResult {
  readonly root: LNode;
  readonly diagnostics: readonly Diagnostic[];
}

/** Applies overrides in order; a path that names nothing is a `scenario-path` error. */
export function applyOverrides(root: LNode, overrides: readonly Override[]): ApplyResult {
  const diagnostics: Diagnostic[] = [];
  let current = root;
  for (const o of overrides) {
    const result = setAt(current, o.path.split('.'), 0, o);
    if (typeof result === 'string') {
      const [message, hint] = result.split('\u0000');
      diagnostics.push(error('scenario-path', message!, o.file, o.pathRange, hint));
    } else current = result;
  }
  return { root: current, diagnostics };
}

/** Returns the new node, or "message\0hint" when the path names nothing. */
function setAt(node: LNode, segments: readonly string[], i: number, o: Override): LNode | string {
  const here = segments.slice(0, i).join('.') || '(the plan)';
  if (i === segments.length) return o.value;
  const seg = segments[i]!;
  if (seg === '') return `\`${o.path}\` has an empty segment\u0000write dotted keys, e.g. market.btc_price_usd.start`;
  if (node.kind === 'map') {
    const index = node.entries.findIndex((e) => e.key === seg);
    if (index < 0) {
      if (i === segments.length - 1) {
        const added: LEntry = { key: seg, keyRange: o.pathRange, value: o.value };
        return { ...node, entries: [...node.entries, added] } satisfies LMap;
      }
      return `\`${o.path}\` names nothing: ${here} has no key \`${seg}\`\u0000${didYouMean(seg, node.entries.map((e) => e.key), 'keys here')}`;
    }
    const entry = node.entries[index]!;
    const replaced = setAt(entry.value, segments, i + 1, o);
    if (typeof replaced === 'string') return replaced;
    const entries = node.entries.slice();
    entries[index] = i === segments.length - 1 ? { key: entry.key, keyRange: o.pathRange, value: replaced } : { ...entry, value: replaced };
    return { ...node, entries };
  }
  if (node.kind === 'seq') {
    const ids = node.items.map(itemId);
    for (let j = segments.length; j > i; j--) {
      const candidate = segments.slice(i, j).join('.');
      const index = ids.indexOf(candidate);
      if (index < 0) continue;
      const replaced = setAt(node.items[index]!, segments, j, o);
      if (typeof replaced === 'string') return replaced;
      const items = node.items.slice();
      items[index] = replaced;
      return { ...node, items };
    }
    const known = ids.filter((x): x is string => x !== undefined);
    return `\`${o.path}\` names nothing: ${here} has no item with id \`${seg}\`\u0000${didYouMean(seg, known, 'ids')}`;
  }
  return `\`${o.path}\` names nothing: ${here} is a single value, not a mapping\u0000replace the whole value instead, e.g. \`${here}: { start: ..., growth_pct_per_year: ... }\``;
}

function itemId(item: LNode): string | undefined {
  if (item.kind !== 'map') return undefined;
  const id = item.entries.find((e) => e.key === 'id')?.value;
  return id && id.kind === 'scalar' && typeof id.value === 'string' ? id.value : undefined;
}

export const SET_FILE = '--set';

/**
 * Parses one `--set PATH=VALUE` argument; VALUE is YAML (`40000`, `[]`, `{start: 1}`).
 * Diagnostics name the file `file` (`--set`, or `--set#2` for the second argument) and
 * point into the argument's text, also when the value is refused later by validation.
 */
export function parseSetArgument(argument: string, file: string = SET_FILE): { override?: Override; diagnostics: readonly Diagnostic[] } {
  const eq = argument.indexOf('=');
  if (eq <= 0) {
    return {
      diagnostics: [error('usage', `--set expects PATH=VALUE, got \`${argument}\``, file, undefined, 'e.g. --set market.btc_price_usd.start=60000')],
    };
  }
  const path = argument.slice(0, eq).trim();
  const valueText = argument.slice(eq + 1);
  // Parse the value in place so ranges point into the whole argument.
  const padded = ' '.repeat(eq + 1) + valueText;
  const parsed = parseYamlTree(padded.trim() === '' ? padded + '~' : padded, file, { rangeFile: file });
  if (!parsed.root) return { diagnostics: parsed.diagnostics };
  return { override: { path, pathRange: { start: 0, end: eq, file }, value: parsed.root, file }, diagnostics: [] };
}
