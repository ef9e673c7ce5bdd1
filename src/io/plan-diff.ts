/**
 * Input changes between two plan files: every path whose value differs between two
 * located YAML trees (`LoadedPlan.root`), as (path, old, new).
 *
 * Values are compared, not text: comments, quoting style, flow vs block style, key order
 * within a mapping and numeral spelling (`85000`, `"85000"`, `85000.0`, `8.5e4`) are not
 * changes. A list is positional (reordering its items is a change), except a list of
 * mappings with ids (`sites`, `fleet`, `hosting`, `debt`, `costs.recurring`, ...), which
 * is matched by id.
 *
 * Paths are written like scenario paths (plan format, section 6): dotted keys, list items
 * by id (`fleet.s21xp-2027.units`). A list item without an id is addressed by its 0-based
 * position, in brackets so it cannot be mistaken for an id (`treasury.scheduled[0].sell_btc`;
 * the position in NEW, or in OLD for a removed item). Positions are matched by a longest
 * common subsequence of equal items, so inserting one item reports one addition.
 *
 * Order: NEW's document order, with a removed key or item placed right after the entry
 * that preceded it in OLD.
 */
import { Decimal } from '../core/decimal.js';
import { NUMERAL_RE } from './plan-schema.js';
import type { LMap, LNode, LScalar, LSeq } from './yaml-tree.js';

export type InputChangeKind = 'added' | 'removed' | 'changed';

export interface InputChange {
  /** `fleet.s21xp-2027.units`, `treasury.scheduled[1]`; `(the plan)` for the whole file */
  readonly path: string;
  readonly kind: InputChangeKind;
  /** OLD's value as text (see {@link valueText}); null when the path is added */
  readonly old: string | null;
  /** NEW's value as text; null when the path is removed */
  readonly new: string | null;
}

/** Every input change from `oldRoot` to `newRoot`, in document order. */
export function diffPlanTrees(oldRoot: LNode, newRoot: LNode): InputChange[] {
  const out: InputChange[] = [];
  walk(oldRoot, newRoot, '', out);
  return out;
}

/**
 * A value as the diff shows it: a scalar as its literal text (numerals as written,
 * `true`/`false`, `null`, `""` for an empty string); a collection summarized as
 * `{N keys}` or `[N items]` (`{}` and `[]` when empty).
 */
export function valueText(node: LNode): string {
  switch (node.kind) {
    case 'scalar':
      if (node.value === null) return 'null';
      if (typeof node.value === 'boolean') return String(node.value);
      return node.value === '' ? '""' : node.value;
    case 'map':
      return node.entries.length === 0 ? '{}' : `{${node.entries.length} ${node.entries.length === 1 ? 'key' : 'keys'}}`;
    case 'seq':
      return node.items.length === 0 ? '[]' : `[${node.items.length} ${node.items.length === 1 ? 'item' : 'items'}]`;
  }
}

/** Two trees hold the same value (see the file comment for what is not a change). */
export function sameValue(a: LNode, b: LNode): boolean {
  if (a.kind === 'scalar' && b.kind === 'scalar') return sameScalar(a, b);
  if (a.kind === 'map' && b.kind === 'map') {
    if (a.entries.length !== b.entries.length) return false;
    return a.entries.every((e) => {
      const other = b.entries.find((f) => f.key === e.key);
      return other !== undefined && sameValue(e.value, other.value);
    });
  }
  if (a.kind === 'seq' && b.kind === 'seq') {
    return a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i]!));
  }
  return false;
}

function sameScalar(a: LScalar, b: LScalar): boolean {
  if (a.value === b.value) return true;
  if (typeof a.value !== 'string' || typeof b.value !== 'string') return false;
  // numerals are numbers whether quoted or not (the loader reads `"85000"` as 85000)
  if (!NUMERAL_RE.test(a.value) || !NUMERAL_RE.test(b.value)) return false;
  return new Decimal(a.value).eq(new Decimal(b.value));
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function shown(path: string): string {
  return path === '' ? '(the plan)' : path;
}

function walk(a: LNode, b: LNode, path: string, out: InputChange[]): void {
  if (sameValue(a, b)) return;
  if (a.kind === 'map' && b.kind === 'map') return diffMaps(a, b, path, out);
  if (a.kind === 'seq' && b.kind === 'seq') {
    const aIds = itemIds(a);
    const bIds = itemIds(b);
    if (aIds !== undefined && bIds !== undefined) return diffKeyed(keyed(a.items, aIds), keyed(b.items, bIds), path, out);
    return diffPositional(a, b, path, out);
  }
  out.push({ path: shown(path), kind: 'changed', old: valueText(a), new: valueText(b) });
}

function diffMaps(a: LMap, b: LMap, path: string, out: InputChange[]): void {
  diffKeyed(
    a.entries.map((e) => ({ key: e.key, value: e.value })),
    b.entries.map((e) => ({ key: e.key, value: e.value })),
    path,
    out,
  );
}

interface Keyed {
  readonly key: string;
  readonly value: LNode;
}

function keyed(items: readonly LNode[], ids: readonly string[]): Keyed[] {
  return items.map((value, i) => ({ key: ids[i]!, value }));
}

/**
 * Entries matched by key (mapping keys or list ids), in NEW's order; an entry only OLD has
 * follows the entry that preceded it in OLD (or comes first).
 */
function diffKeyed(a: readonly Keyed[], b: readonly Keyed[], path: string, out: InputChange[]): void {
  const inB = new Map(b.map((e) => [e.key, e.value]));
  const inA = new Map(a.map((e) => [e.key, e.value]));
  const removedAfter = new Map<string | null, Keyed[]>();
  let anchor: string | null = null;
  for (const e of a) {
    if (inB.has(e.key)) anchor = e.key;
    else {
      const list = removedAfter.get(anchor) ?? [];
      list.push(e);
      removedAfter.set(anchor, list);
    }
  }
  const removed = (after: string | null): void => {
    for (const e of removedAfter.get(after) ?? []) {
      out.push({ path: join(path, e.key), kind: 'removed', old: valueText(e.value), new: null });
    }
  };
  removed(null);
  for (const e of b) {
    const old = inA.get(e.key);
    if (old === undefined) out.push({ path: join(path, e.key), kind: 'added', old: null, new: valueText(e.value) });
    else {
      walk(old, e.value, join(path, e.key), out);
      removed(e.key);
    }
  }
}

/** The items' ids when every item is a mapping with a distinct string `id`; else undefined. */
function itemIds(seq: LSeq): string[] | undefined {
  const ids: string[] = [];
  for (const item of seq.items) {
    if (item.kind !== 'map') return undefined;
    const id = item.entries.find((e) => e.key === 'id')?.value;
    if (id === undefined || id.kind !== 'scalar' || typeof id.value !== 'string' || ids.includes(id.value)) return undefined;
    ids.push(id.value);
  }
  return ids;
}

/**
 * Lists without ids: equal items matched by a longest common subsequence; between two
 * matches, items are paired by position (a change inside each pair), and the rest of the
 * longer side is added or removed.
 */
function diffPositional(a: LSeq, b: LSeq, path: string, out: InputChange[]): void {
  const n = a.items.length;
  const m = b.items.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = sameValue(a.items[i]!, b.items[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const at = (index: number): string => `${shown(path)}[${index}]`;
  let i = 0;
  let j = 0;
  const gap = (iEnd: number, jEnd: number): void => {
    while (i < iEnd && j < jEnd) {
      walk(a.items[i]!, b.items[j]!, at(j), out);
      i++;
      j++;
    }
    for (; i < iEnd; i++) out.push({ path: at(i), kind: 'removed', old: valueText(a.items[i]!), new: null });
    for (; j < jEnd; j++) out.push({ path: at(j), kind: 'added', old: null, new: valueText(b.items[j]!) });
  };
  let si = 0;
  let sj = 0;
  while (si < n && sj < m) {
    if (sameValue(a.items[si]!, b.items[sj]!) && lcs[si]![sj] === lcs[si + 1]![sj + 1]! + 1) {
      gap(si, sj);
      i = si + 1;
      j = sj + 1;
      si++;
      sj++;
    } else if (lcs[si + 1]![sj]! >= lcs[si]![sj + 1]!) si++;
    else sj++;
  }
  gap(n, m);
}
