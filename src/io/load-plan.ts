/**
 * The loader pipeline: source text -> located YAML tree -> schema-valid written plan ->
 * normalized `Plan`, for the base plan and each scenario. Returns every diagnostic at
 * once; never throws on bad input.
 */
import type * as z from 'zod/v4/core';
import type { Plan } from '../core/plan.js';
import { didYouMean, error, hasErrors, type Diagnostic, type SourceRange } from './diagnostic.js';
import { normalizePlan } from './normalize.js';
import { checkReferences } from './references.js';
import { applyOverrides, type Override } from './overrides.js';
import { planSchema, type WrittenPlan } from './plan-schema.js';
import { fastYamlTree } from './yaml-fast.js';
import { entryAt, nodeAt, parseYamlTree, toPlain, type LMap, type LNode } from './yaml-tree.js';

export interface LoadedPlan {
  readonly file: string;
  readonly root: LNode;
  readonly written: WrittenPlan;
  readonly base: Plan;
  /** scenario name -> plan with its overrides applied, in file order (the scenarios asked for) */
  readonly scenarios: ReadonlyMap<string, Plan>;
  /** every scenario name in the file, in file order */
  readonly scenarioNames: readonly string[];
}

export interface LoadResult {
  readonly plan: LoadedPlan | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadOptions {
  /** `--set` overrides, applied to the base plan and on top of each built scenario's overrides */
  readonly sets?: readonly Override[];
  /**
   * Which scenarios to apply and validate: `all` (validate, check, compare), or only the
   * named ones (run, explain, sweep and diff build the scenario they run). Scenario names
   * are checked either way.
   */
  readonly scenarios?: 'all' | readonly string[];
}

/**
 * Loads plan text; `file` is the name diagnostics use.
 *
 * Two ways, one result. First the quick YAML reader (yaml-fast.ts): when it takes the text
 * and the plan loads with nothing to report, that is the result, with the located tree
 * (`root`, which `check` and `diff` read) parsed only when first asked for. Otherwise, and
 * for every diagnostic, the located reader does it all again (`loadLocated`).
 */
export function loadPlanText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const quick = fastYamlTree(text);
  if (quick !== undefined) {
    const loaded = loadPlanTree(quick, file, options);
    if (loaded.plan !== undefined && loaded.diagnostics.length === 0) {
      return { plan: withLocatedTree(loaded.plan, text, file, options.sets ?? []), diagnostics: [] };
    }
  }
  return loadLocated(text, file, options);
}

/**
 * `plan` whose `root` is the located tree of `text` with `sets` applied, parsed when first
 * read: the quick reader's ranges are approximate and must not reach a user.
 */
function withLocatedTree(plan: LoadedPlan, text: string, file: string, sets: readonly Override[]): LoadedPlan {
  let root: LNode | undefined;
  return {
    file: plan.file,
    written: plan.written,
    base: plan.base,
    scenarios: plan.scenarios,
    scenarioNames: plan.scenarioNames,
    get root() {
      if (root === undefined) {
        const parsed = parseYamlTree(text, file).root;
        // the located reader takes every text the quick one takes, without a word (yaml-fast.test.ts)
        if (parsed === undefined) throw new Error('internal error: the located YAML reader refused a plan the quick reader read');
        root = withSets(parsed, sets).root;
      }
      return root;
    },
  };
}

/** The tree with the `--set` overrides applied (the plan every scenario starts from). */
function withSets(root: LNode, sets: readonly Override[]): { root: LNode; diagnostics: readonly Diagnostic[] } {
  return sets.length > 0 ? applyOverrides(root, sets) : { root, diagnostics: [] };
}

/** The load with the located YAML tree (`parseYamlTree`): every diagnostic comes from here. */
function loadLocated(text: string, file: string, options: LoadOptions): LoadResult {
  const parsed = parseYamlTree(text, file);
  if (!parsed.root || hasErrors(parsed.diagnostics)) return { plan: undefined, diagnostics: parsed.diagnostics };
  const loaded = loadPlanTree(parsed.root, file, options);
  return parsed.diagnostics.length === 0 ? loaded : { ...loaded, diagnostics: sortDiagnostics([...parsed.diagnostics, ...loaded.diagnostics]) };
}

/**
 * Loads a plan from its parsed YAML tree (see {@link parseYamlTree}): stages 2 and 3 for the
 * base plan and the scenarios asked for. A sweep parses once and loads the tree per point.
 */
export function loadPlanTree(written: LNode, file: string, options: LoadOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  let root = written;
  if (root.kind !== 'map') {
    diagnostics.push(error('wrong-type', 'a plan is a YAML mapping of keys (version, name, start, ...)', file, root.range, 'start from `hashpivot init`'));
    return { plan: undefined, diagnostics };
  }
  const sets = options.sets ?? [];
  const wanted = options.scenarios ?? 'all';
  const applied = withSets(root, sets);
  diagnostics.push(...applied.diagnostics);
  root = applied.root;
  const scenarioMap = nodeAt(root, ['scenarios']);
  const scenarioNames = scenarioMap?.kind === 'map' ? scenarioMap.entries.map((e) => e.key) : [];
  const base = validate(root, file, scenarioNames);
  diagnostics.push(...base.diagnostics);

  const scenarios = new Map<string, Plan>();
  if (scenarioMap?.kind === 'map') {
    const seen = new Set(diagnostics.map(diagnosticKey));
    for (const entry of scenarioMap.entries) {
      if (entry.key === 'base') {
        diagnostics.push(error('scenario-name', 'a scenario may not be named `base`: that is the plan as written', file, entry.keyRange, 'rename the scenario, e.g. `base-case`'));
        continue;
      }
      if (entry.value.kind !== 'map') continue; // the schema reported it
      if (wanted !== 'all' && !wanted.includes(entry.key)) continue;
      const overrides: Override[] = entry.value.entries.map((o) => ({ path: o.key, pathRange: o.keyRange, value: o.value, file }));
      // --set goes on top of the scenario, so `--scenario bear --set x=1` is bear with x = 1
      const applied = applyOverrides(withoutScenarios(written), [...overrides, ...sets]);
      const result = validate(applied.root, file, scenarioNames);
      for (const dgn of [...applied.diagnostics, ...result.diagnostics]) {
        if (seen.has(diagnosticKey(dgn))) continue; // the base plan has it already
        seen.add(diagnosticKey(dgn));
        diagnostics.push(attributeToScenario(dgn, file, entry.key, entry.keyRange, entry.value.range));
      }
      if (result.plan) scenarios.set(entry.key, result.plan);
    }
  }
  if (!base.plan || !base.written || hasErrors(diagnostics)) return { plan: undefined, diagnostics: sortDiagnostics(diagnostics) };
  return {
    plan: { file, root, written: base.written, base: base.plan, scenarios, scenarioNames },
    diagnostics: sortDiagnostics(diagnostics),
  };
}

function withoutScenarios(root: LNode): LNode {
  if (root.kind !== 'map') return root;
  return { ...root, entries: root.entries.filter((e) => e.key !== 'scenarios') } satisfies LMap;
}

function diagnosticKey(x: Diagnostic): string {
  return `${x.severity}|${x.code}|${x.file}|${x.message}|${x.range?.start ?? ''}`;
}

/** Scenario diagnostics say which scenario; those in the plan outside the scenario block point at its name. */
function attributeToScenario(x: Diagnostic, planFile: string, name: string, nameRange: SourceRange, block: SourceRange): Diagnostic {
  const inside = x.range === undefined || x.file !== planFile || (x.range.start >= nameRange.start && x.range.end <= block.end);
  return {
    ...x,
    message: `scenario \`${name}\`: ${x.message}`,
    ...(inside ? {} : { range: nameRange }),
  };
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list
    .map((x, i) => ({ x, i }))
    .sort((a, b) => (a.x.range?.start ?? -1) - (b.x.range?.start ?? -1) || a.i - b.i)
    .map((e) => e.x);
}

function validate(root: LNode, file: string, scenarioNames: readonly string[]): { plan?: Plan; written?: WrittenPlan; diagnostics: Diagnostic[] } {
  const result = planSchema.safeParse(toPlain(root));
  const references = checkReferences(root, file);
  if (!result.success) {
    const diagnostics = result.error.issues.flatMap((issue) => issueToDiagnostics(issue, [], root, file));
    return { diagnostics: [...diagnostics, ...references] };
  }
  const normalized = normalizePlan(result.data, root, file, scenarioNames);
  return {
    ...(normalized.plan && references.length === 0 ? { plan: normalized.plan } : {}),
    written: result.data,
    diagnostics: [...normalized.diagnostics, ...references],
  };
}

type Issue = z.$ZodIssue;
type Path = readonly PropertyKey[];

/** Maps one zod issue (possibly a union of branches) to located diagnostics. */
function issueToDiagnostics(issue: Issue, prefix: Path, root: LNode, file: string): Diagnostic[] {
  const path: Path = [...prefix, ...issue.path];
  const shown = displayPath(root, path);
  const range = (p: Path): SourceRange | undefined => nodeAt(root, p)?.range ?? nearestRange(root, p);
  const params = (issue as { params?: { code?: string } }).params;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(path, root);
      return issue.keys.map((key) => {
        const entry = entryAt(root, [...path, key]);
        return error('unknown-key', `unknown key \`${key}\` in ${shown}`, file, entry?.keyRange ?? range(path), didYouMean(key, known, 'keys here'));
      });
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const value = nodeAt(root, path);
        const got = value?.kind === 'scalar' ? String(value.value) : undefined;
        const options = (issue as { options?: string[] }).options ?? [];
        return [
          error(
            got === undefined || got === 'null' ? 'missing-key' : 'wrong-type',
            got === undefined || got === 'null' ? `missing \`${String(path[path.length - 1])}\` in ${displayPath(root, path.slice(0, -1))}` : `unknown ${String(path[path.length - 1])} \`${got}\` in ${displayPath(root, path.slice(0, -1))}`,
            file,
            range(path),
            got ? didYouMean(got, options, 'kinds') : `one of: ${options.join(', ')}`,
          ),
        ];
      }
      // A series (number or mapping): report the branch that matches the node's shape.
      const node = nodeAt(root, path);
      const branches = issue.errors;
      if (branches.length === 2 && node?.kind === 'map') {
        return branches[1]!.flatMap((sub) => issueToDiagnostics(sub, path, root, file));
      }
      if (branches.length === 2 && node?.kind === 'scalar' && node.value !== null) {
        const numberIssues = branches[0]!;
        const nested = numberIssues.filter((x) => x.code !== 'invalid_union' || x.errors.length > 0);
        if (nested.length > 0 && !(nested.length === 1 && nested[0]!.code === 'invalid_union')) {
          return nested.flatMap((sub) => issueToDiagnostics(sub, path, root, file));
        }
      }
      return [typeError(root, path, file, issue.message)];
    }
    case 'invalid_type': {
      return [typeError(root, path, file, `expected ${article(issue.expected)}`)];
    }
    case 'invalid_key': {
      const entry = entryAt(root, path);
      return [error('bad-month', `\`${String(path[path.length - 1])}\` is not a month \`YYYY-MM\``, file, entry?.keyRange ?? range(path), 'months are written YYYY-MM, e.g. 2027-07')];
    }
    case 'invalid_value': {
      const node = nodeAt(root, path);
      const got = node?.kind === 'scalar' ? String(node.value) : '';
      const options = issue.values.map(String);
      return [error('wrong-type', `\`${got}\` is not one of ${options.map((o) => `\`${o}\``).join(', ')}`, file, range(path), didYouMean(got, options, 'values'))];
    }
    case 'invalid_format': {
      // the only string patterns with their own message are ids (see plan-schema.ts)
      return [error('bad-id', `${shown}: ${issue.message}`, file, range(path), idHint)];
    }
    default: {
      const code = params?.code ?? 'invalid';
      if (code === 'wrong-type' && nodeAt(root, path) === undefined) return [typeError(root, path, file, issue.message)];
      return [error(code, `${shown} ${issue.message}`, file, range(path), hintFor(code, String(path[path.length - 1] ?? '')))];
    }
  }
}

const idHint = 'e.g. `s21xp-2027`: lower-case letters, digits, `.`, `_`, `-`';

function hintFor(code: string, key: string): string | undefined {
  switch (code) {
    case 'negative':
      return 'quantities are zero or more';
    case 'out-of-range':
      if (/^growth_pct|escalator/.test(key)) return 'growth rates are percent per period and above -100 (-15 means -15%)';
      if (/_pct$/.test(key)) return 'percent keys are 0..100 (15 means 15%)';
      return 'see the allowed range in the plan format (README) or `hashpivot schema`';
    case 'not-a-number':
      return 'write a finite decimal number';
    case 'number-precision':
      return 'numbers are read exactly: at most 24 significant digits and below 1e18; they are refused, never rounded';
    case 'not-an-integer':
      return 'use a whole number';
    case 'bad-month':
      return 'months are written YYYY-MM, e.g. 2027-07';
    case 'bad-id':
      return idHint;
    case 'wrong-type':
      return 'write a plain number such as 85000 or 0.3';
    default:
      return undefined;
  }
}

function article(expected: string): string {
  const noun = expected === 'object' ? 'mapping' : expected === 'array' ? 'list' : expected;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function typeError(root: LNode, path: Path, file: string, expected: string): Diagnostic {
  const node = nodeAt(root, path);
  const key = String(path[path.length - 1] ?? '');
  if (node === undefined || (node.kind === 'scalar' && node.value === null && entryAt(root, path) === undefined)) {
    const parentPath = path.slice(0, -1);
    const parent = nodeAt(root, parentPath);
    const parentEntry = entryAt(root, parentPath);
    return error(
      'missing-key',
      `missing required key \`${key}\` in ${displayPath(root, parentPath)}`,
      file,
      parentEntry?.keyRange ?? parent?.range ?? { start: 0, end: 0 },
      `add \`${key}:\` (see the plan format in the README or \`hashpivot schema\`)`,
    );
  }
  const got = node.kind === 'map' ? 'a mapping' : node.kind === 'seq' ? 'a list' : node.value === null ? 'nothing' : `\`${String(node.value)}\``;
  const message = expected.startsWith('expected') ? expected : `expected ${expected}`;
  return error('wrong-type', `${displayPath(root, path)}: ${message}, got ${got}`, file, node.range, hintForShape(expected));
}

function hintForShape(expected: string): string {
  if (/list/.test(expected)) return 'write a list with `- ` items, or `[]` for none';
  if (/mapping/.test(expected)) return 'write nested `key: value` lines';
  if (/number/.test(expected)) return 'write a plain number such as 85000 or 0.3';
  return 'check the plan format in the README';
}

function nearestRange(root: LNode, path: Path): SourceRange | undefined {
  for (let n = path.length - 1; n >= 0; n--) {
    const node = nodeAt(root, path.slice(0, n));
    if (node) return node.range;
  }
  return undefined;
}

/** `sites.rockdale.power.price_usd_per_mwh`: list items by id where they have one. */
export function displayPath(root: LNode, path: Path): string {
  if (path.length === 0) return 'the plan';
  const parts: string[] = [];
  let node: LNode | undefined = root;
  for (const seg of path) {
    if (node?.kind === 'seq' && typeof seg === 'number') {
      const item: LNode | undefined = node.items[seg];
      const id = item?.kind === 'map' ? item.entries.find((e) => e.key === 'id')?.value : undefined;
      parts.push(id?.kind === 'scalar' && typeof id.value === 'string' ? id.value : `[${seg}]`);
      node = item;
    } else {
      parts.push(String(seg));
      node = node?.kind === 'map' ? node.entries.find((e) => e.key === String(seg))?.value : undefined;
    }
  }
  return parts.join('.').replace(/\.\[/g, '[');
}

/** The keys the schema allows at `path` (for "did you mean"), following the plan's own shape. */
function knownKeysAt(path: Path, root: LNode): string[] {
  let schema: unknown = planSchema;
  for (let i = 0; i <= path.length; i++) {
    schema = unwrapToObject(schema, nodeAt(root, path.slice(0, i)));
    if (i === path.length) break;
    schema = step(schema, path[i]!);
    if (schema === undefined) return [];
  }
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

interface Def {
  type: string;
  innerType?: unknown;
  options?: unknown[];
  element?: unknown;
  valueType?: unknown;
  shape?: Record<string, unknown>;
  discriminator?: string;
}

function defOf(schema: unknown): Def | undefined {
  return (schema as { def?: Def } | undefined)?.def;
}

function unwrapToObject(schema: unknown, node: LNode | undefined): unknown {
  let s = schema;
  for (let guard = 0; guard < 10; guard++) {
    const def = defOf(s);
    if (!def) return s;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') s = def.innerType;
    else if (def.type === 'union' && def.options) {
      if (def.discriminator && node?.kind === 'map') {
        const kind = node.entries.find((e) => e.key === def.discriminator)?.value;
        const wanted = kind?.kind === 'scalar' ? kind.value : undefined;
        s = def.options.find((o) => {
          const lit = defOf(defOf(o)?.shape?.[def.discriminator!]) as { values?: unknown[] } | undefined;
          return lit?.values?.includes(wanted);
        }) ?? def.options[0];
      } else {
        s = def.options.find((o) => defOf(o)?.type === 'object') ?? def.options[0];
      }
    } else return s;
  }
  return s;
}

function step(schema: unknown, seg: PropertyKey): unknown {
  const def = defOf(schema);
  if (!def) return undefined;
  if (def.type === 'object') return def.shape?.[String(seg)];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  return undefined;
}
