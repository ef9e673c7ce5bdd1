/**
 * Stage 1 of the loader: source text -> a located YAML tree (`LNode`).
 *
 * Scalars keep their literal text, so numbers never pass through a JS float: a plain
 * scalar that YAML would read as a number is kept as its source text (`0.1`, `6e5`).
 * Every node keeps its source range so any later stage can point at the line.
 *
 * Refused here, each as a diagnostic: YAML syntax errors (where the problem starts),
 * duplicate keys (at the second occurrence), several documents, unknown aliases, alias
 * bombs (at most MAX_ALIASES alias uses), nesting deeper than MAX_DEPTH (checked before the
 * parser sees the text: deep flow nesting exhausts the parser's memory), and the keys
 * `__proto__`, `constructor` and `prototype` (no prototype pollution downstream).
 */
import { Alias, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import type { Node as YamlNode, Document } from 'yaml';
import { error, type Diagnostic, type SourceRange } from './diagnostic.js';

export type LNode = LScalar | LMap | LSeq;

export interface LScalar {
  readonly kind: 'scalar';
  /** a string (numerals as their literal text), boolean or null */
  readonly value: string | boolean | null;
  /** true for a plain (unquoted) scalar YAML reads as a number */
  readonly numeric: boolean;
  readonly range: SourceRange;
}

export interface LEntry {
  readonly key: string;
  readonly keyRange: SourceRange;
  readonly value: LNode;
}

export interface LMap {
  readonly kind: 'map';
  readonly entries: readonly LEntry[];
  readonly range: SourceRange;
}

export interface LSeq {
  readonly kind: 'seq';
  readonly items: readonly LNode[];
  readonly range: SourceRange;
}

export const MAX_DEPTH = 64;
export const MAX_ALIASES = 100;
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ParsedYaml {
  readonly root: LNode | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ParseOptions {
  /** stamp every node's range with this file name (override values parsed from `--set`) */
  readonly rangeFile?: string;
}

/** Parses YAML text into a located tree; `file` names the source in diagnostics. */
export function parseYamlTree(text: string, file: string, options: ParseOptions = {}): ParsedYaml {
  const deep = findExcessiveFlowNesting(text);
  if (deep !== undefined) {
    return {
      root: undefined,
      diagnostics: [
        error(
          'too-deep',
          `nesting deeper than ${MAX_DEPTH} levels`,
          file,
          { start: deep, end: deep + 1 },
          'a plan is a few levels deep; this looks like a generated or corrupted file',
        ),
      ],
    };
  }
  const doc = parseDocument(text, {
    lineCounter: new LineCounter(),
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    version: '1.2',
  });
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) diagnostics.push(yamlErrorToDiagnostic(e.code, e.message, e.pos, text, file));
  if (diagnostics.length > 0) return { root: undefined, diagnostics };
  for (const w of doc.warnings) {
    diagnostics.push({ ...yamlErrorToDiagnostic(w.code, w.message, w.pos, text, file), severity: 'warning' });
  }
  if (doc.contents === null) {
    diagnostics.push(error('empty-plan', 'the file holds no YAML document', file, undefined, 'start from `hashpivot init`'));
    return { root: undefined, diagnostics };
  }
  const builder = new TreeBuilder(doc, file, diagnostics, options.rangeFile);
  const root = builder.build(doc.contents as YamlNode, 0);
  return { root, diagnostics };
}

class TreeBuilder {
  private aliasUses = 0;
  private aliasReported = false;
  private depthReported = false;

  constructor(
    private readonly doc: Document,
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
    private readonly rangeFile: string | undefined,
  ) {}

  private rangeOf(node: YamlNode | Alias): SourceRange {
    const r = rangeOf(node);
    return this.rangeFile === undefined ? r : { ...r, file: this.rangeFile };
  }

  build(node: YamlNode, depth: number): LNode | undefined {
    const range = this.rangeOf(node);
    if (depth > MAX_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.diagnostics.push(error('too-deep', `nesting deeper than ${MAX_DEPTH} levels`, this.file, range));
      }
      return undefined;
    }
    if (isAlias(node)) return this.buildAlias(node, depth);
    if (isScalar(node)) return buildScalar(node, range);
    if (isMap(node)) {
      const entries: LEntry[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyRange = keyNode ? this.rangeOf(keyNode) : range;
        if (!keyNode || !isScalar(keyNode) || (keyNode.value !== null && typeof keyNode.value === 'object')) {
          this.diagnostics.push(
            error('wrong-type', 'a mapping key must be a plain name', this.file, keyRange, 'write keys as `name: value`'),
          );
          continue;
        }
        const key = keyText(keyNode);
        if (FORBIDDEN_KEYS.has(key)) {
          this.diagnostics.push(
            error('forbidden-key', `the key \`${key}\` is not allowed`, this.file, keyRange, 'remove it; no plan key has this name'),
          );
          continue;
        }
        const valueNode = pair.value as YamlNode | null;
        const value = valueNode
          ? this.build(valueNode, depth + 1)
          : ({ kind: 'scalar', value: null, numeric: false, range: { ...keyRange, start: keyRange.end } } as LScalar);
        if (value) entries.push({ key, keyRange, value });
      }
      return { kind: 'map', entries, range };
    }
    if (isSeq(node)) {
      const items: LNode[] = [];
      for (const item of node.items) {
        const built = item ? this.build(item as YamlNode, depth + 1) : undefined;
        if (built) items.push(built);
      }
      return { kind: 'seq', items, range };
    }
    return undefined;
  }

  private buildAlias(node: Alias, depth: number): LNode | undefined {
    const range = this.rangeOf(node);
    this.aliasUses++;
    if (this.aliasUses > MAX_ALIASES) {
      if (!this.aliasReported) {
        this.aliasReported = true;
        this.diagnostics.push(
          error(
            'alias-limit',
            `more than ${MAX_ALIASES} alias uses (*name)`,
            this.file,
            range,
            'a plan needs few aliases; many nested aliases are an "alias bomb" and are refused',
          ),
        );
      }
      return undefined;
    }
    const target = node.resolve(this.doc);
    if (!target) {
      this.diagnostics.push(
        error('yaml-syntax', `unknown alias \`*${node.source}\``, this.file, range, `define \`&${node.source}\` before using it`),
      );
      return undefined;
    }
    const built = this.build(target as YamlNode, depth);
    // The alias stands where it is used: point diagnostics at the use, not the anchor.
    return built ? relocate(built, range) : undefined;
  }
}

function relocate(node: LNode, range: SourceRange): LNode {
  return { ...node, range };
}

function buildScalar(node: Scalar, range: SourceRange): LScalar {
  const v = node.value;
  const plain = node.type === Scalar.PLAIN;
  if (typeof v === 'number' || typeof v === 'bigint') {
    const text = plain && typeof node.source === 'string' ? node.source : String(v);
    return { kind: 'scalar', value: text, numeric: plain, range };
  }
  if (typeof v === 'boolean' || v === null) {
    // `.nan`, `.inf` arrive as numbers above; a bare `null`/`~`/empty stays null.
    return { kind: 'scalar', value: v, numeric: false, range };
  }
  return { kind: 'scalar', value: String(v), numeric: false, range };
}

function keyText(node: Scalar): string {
  if (typeof node.value === 'number' && typeof node.source === 'string') return node.source;
  return String(node.value);
}

function rangeOf(node: YamlNode | Alias): SourceRange {
  const r = node.range;
  if (!r) return { start: 0, end: 0 };
  return { start: r[0], end: Math.max(r[0], r[1]) };
}

const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'each key may appear once in a mapping; remove or rename the second one',
  MULTIPLE_DOCS: 'a plan is one YAML document; remove the `---` separator or split the file',
  BAD_INDENT: 'check the indentation: nested keys need more spaces than their parent',
  MISSING_CHAR: 'close the quote or bracket opened here',
  BLOCK_AS_IMPLICIT_KEY: 'put nested keys on their own lines, indented under the parent key',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; check the indentation of the lines below',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
};

function yamlErrorToDiagnostic(code: string, message: string, pos: [number, number], text: string, file: string): Diagnostic {
  const firstLine = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') {
    const key = keyAt(text, pos[0]);
    return error('duplicate-key', `duplicate key${key ? ` \`${key}\`` : ''}`, file, { start: pos[0], end: pos[1] }, YAML_HINTS[code]);
  }
  if (code === 'MULTIPLE_DOCS') {
    return error('multiple-documents', 'more than one YAML document', file, { start: pos[0], end: pos[1] }, YAML_HINTS[code]);
  }
  let start = pos[0];
  if (code === 'MISSING_CHAR' && /quote/.test(firstLine)) {
    const open = findUnclosedQuote(text);
    if (open !== undefined) start = open;
  }
  return error('yaml-syntax', firstLine, file, { start, end: Math.max(start + 1, start) }, YAML_HINTS[code] ?? 'fix the YAML syntax here');
}

function keyAt(text: string, offset: number): string | undefined {
  const m = /^[^:\n]+/.exec(text.slice(offset));
  return m ? m[0].trim() : undefined;
}

/**
 * The offset of the first quote that opens a scalar and is not closed on its line (plan
 * files do not use multi-line quoted scalars). YAML parsers report a missing quote at the
 * end of the file; users need the line where it opens.
 */
export function findUnclosedQuote(text: string): number | undefined {
  let offset = 0;
  for (const line of text.split('\n')) {
    let i = 0;
    while (i < line.length) {
      const c = line[i]!;
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
      if (c === '"' || c === "'") {
        const close = findClose(line, i + 1, c);
        if (close < 0) return offset + i;
        i = close + 1;
        continue;
      }
      // a quote only opens a scalar at its start: skip words
      if (!/[\s:,[\]{}\-?]/.test(c)) {
        while (i < line.length && !/[\s,\]}]/.test(line[i]!)) i++;
        continue;
      }
      i++;
    }
    offset += line.length + 1;
  }
  return undefined;
}

function findClose(line: string, from: number, quote: string): number {
  for (let j = from; j < line.length; j++) {
    const c = line[j]!;
    if (quote === '"' && c === '\\') {
      j++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && line[j + 1] === "'") {
        j++;
        continue;
      }
      return j;
    }
  }
  return -1;
}

/**
 * Scans flow brackets outside quotes and comments; returns the offset where the nesting
 * first exceeds MAX_DEPTH, or undefined. The YAML parser runs out of memory on some deeply
 * nested flow collections, so this runs before it.
 */
export function findExcessiveFlowNesting(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = undefined;
      else if (c === '\n' && quote === "'") quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{]/.test(text[i - 1]!))) quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth > MAX_DEPTH) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '\n' && depth === 0) depth = 0;
  }
  return undefined;
}

/** The node at a path of keys and list indices, or undefined. */
export function nodeAt(root: LNode | undefined, path: readonly PropertyKey[]): LNode | undefined {
  let node = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (node.kind === 'map') node = node.entries.find((e) => e.key === String(seg))?.value;
    else if (node.kind === 'seq' && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return node;
}

/** The map entry (key and value) at a path whose last element is a key, or undefined. */
export function entryAt(root: LNode | undefined, path: readonly PropertyKey[]): LEntry | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAt(root, path.slice(0, -1));
  if (!parent || parent.kind !== 'map') return undefined;
  return parent.entries.find((e) => e.key === String(path[path.length - 1]));
}

/** Plain JS value for schema validation: null-prototype objects, numerals as strings. */
export function toPlain(node: LNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const e of node.entries) out[e.key] = toPlain(e.value);
      return out;
    }
  }
}
