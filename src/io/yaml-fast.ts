/**
 * The quick way from plan text to a YAML tree, for plans that load cleanly (most runs).
 *
 * `yaml-tree.ts` parses with the `yaml` package, whose errors, positions and hints every
 * diagnostic is built on; cold, in a new process, it costs ~20 ms on the reference plan.
 * js-yaml's event parser reads the same text in ~4 ms. So the loader first builds the tree
 * from js-yaml's events (`fastYamlTree`) and validates that; only when anything at all is
 * reported (or the text is outside what this reader takes) does it load again the located
 * way, and every diagnostic comes from there. The trees this returns therefore carry
 * approximate ranges that must never reach a user: load-plan.ts gives a loaded plan the
 * located tree instead, parsed when asked for.
 *
 * Returns undefined, leaving the text to `parseYamlTree`, for anything the two readers
 * could disagree on or that `parseYamlTree` reports on: a syntax error, several or no
 * documents, directives, anchors, aliases, tags, tabs, keys that are not text, duplicate
 * or forbidden keys, nesting deeper than MAX_DEPTH. On every text it accepts, the tree is
 * `parseYamlTree`'s tree up to ranges (test/io/yaml-fast.test.ts checks this on the fixtures
 * and on many thousands of mutated plans).
 */
import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';
import { FORBIDDEN_KEYS, MAX_DEPTH, type LEntry, type LNode, type LScalar } from './yaml-tree.js';

/**
 * How `parseYamlTree` (the `yaml` package, YAML 1.2 core schema) reads a plain scalar:
 * these are that schema's tag tests, in its order (yaml/dist/schema/core). A plain scalar
 * matching none of them is text.
 */
const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBER_RES = [
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

const LONE_CR = /\r(?!\n)/;

/** The first characters each of those can start with ('' for the empty scalar). */
const NULL_FIRST = ['', '~', 'n', 'N'];
const BOOL_FIRST = ['t', 'T', 'f', 'F'];
const NUMBER_FIRST = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '-', '.'];

/** Thrown inside the builder to give the text back to `parseYamlTree`; never escapes. */
class NotFast {}
const NOT_FAST = new NotFast();

/** The plan's YAML tree from js-yaml's events, or undefined (see the module comment). */
export function fastYamlTree(text: string): LNode | undefined {
  // Tabs: YAML allows them in a few places and forbids them in others; leave them all to
  // the reader whose messages say which. A carriage return not followed by a line feed:
  // js-yaml ends a line there, the located reader does not.
  if (text.includes('\t') || LONE_CR.test(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH + 1 });
  } catch {
    return undefined;
  }
  const first = events[0];
  if (first?.type !== EVENT_ID.DOCUMENT || first.directives.length > 0) return undefined;
  try {
    const reader = new EventReader(text, events);
    const root = reader.node(0);
    // the document's end, then nothing: a second document is parseYamlTree's to report
    if (reader.next().type !== EVENT_ID.POP || reader.more()) return undefined;
    return root;
  } catch (e) {
    if (e === NOT_FAST) return undefined;
    throw e;
  }
}

class EventReader {
  private at = 1;

  constructor(
    private readonly text: string,
    private readonly events: readonly Event[],
  ) {}

  next(): Event {
    const event = this.events[this.at++];
    if (event === undefined) throw NOT_FAST;
    return event;
  }

  more(): boolean {
    return this.at < this.events.length;
  }

  node(depth: number): LNode {
    if (depth > MAX_DEPTH) throw NOT_FAST;
    const event = this.next();
    switch (event.type) {
      case EVENT_ID.SCALAR:
        plainProperties(event);
        return this.scalar(event);
      case EVENT_ID.MAPPING: {
        plainProperties(event);
        const entries: LEntry[] = [];
        const seen = new Set<string>();
        for (;;) {
          const keyEvent = this.next();
          if (keyEvent.type === EVENT_ID.POP) break;
          if (keyEvent.type !== EVENT_ID.SCALAR) throw NOT_FAST;
          plainProperties(keyEvent);
          const key = this.scalar(keyEvent);
          if (typeof key.value !== 'string' || key.numeric || FORBIDDEN_KEYS.has(key.value) || seen.has(key.value)) throw NOT_FAST;
          seen.add(key.value);
          entries.push({ key: key.value, keyRange: key.range, value: this.node(depth + 1) });
        }
        return { kind: 'map', entries, range: { start: event.start, end: event.start } };
      }
      case EVENT_ID.SEQUENCE: {
        plainProperties(event);
        const items: LNode[] = [];
        while (this.peekType() !== EVENT_ID.POP) items.push(this.node(depth + 1));
        this.next();
        return { kind: 'seq', items, range: { start: event.start, end: event.start } };
      }
      default:
        throw NOT_FAST;
    }
  }

  private peekType(): number {
    const event = this.events[this.at];
    if (event === undefined) throw NOT_FAST;
    return event.type;
  }

  private scalar(event: ScalarEvent): LScalar {
    const start = Math.max(0, event.valueStart);
    const range = { start, end: Math.max(start, event.valueEnd) };
    const value = getScalarValue(this.text, event);
    if (event.style !== SCALAR_STYLE.PLAIN) return { kind: 'scalar', value, numeric: false, range };
    // each test only where its first character allows a match (most plain scalars are names)
    const first = value.charAt(0);
    if (NULL_FIRST.includes(first) && NULL_RE.test(value)) return { kind: 'scalar', value: null, numeric: false, range };
    if (BOOL_FIRST.includes(first) && BOOL_RE.test(value)) return { kind: 'scalar', value: first === 't' || first === 'T', numeric: false, range };
    const numeric = NUMBER_FIRST.includes(first) && NUMBER_RES.some((re) => re.test(value));
    return { kind: 'scalar', value, numeric, range };
  }
}

/** No anchor, no tag: those are left to parseYamlTree (alias limits, tag warnings). */
function plainProperties(event: { readonly anchorStart: number; readonly tagStart: number }): void {
  if (event.anchorStart !== -1 || event.tagStart !== -1) throw NOT_FAST;
}
