/**
 * Cross-reference rules checked on the located tree itself, so they are reported even when
 * other parts of the plan fail the schema: duplicate ids within a list and `site`
 * references that name no site.
 */
import { didYouMean, error, type Diagnostic } from './diagnostic.js';
import { nodeAt, type LNode } from './yaml-tree.js';

const ID_LISTS: readonly { path: readonly string[]; what: string }[] = [
  { path: ['sites'], what: 'site' },
  { path: ['fleet'], what: 'batch' },
  { path: ['hosting'], what: 'hosting contract' },
  { path: ['costs', 'recurring'], what: 'recurring cost' },
  { path: ['costs', 'one_off'], what: 'one-off flow' },
  { path: ['debt'], what: 'debt' },
];

function scalarField(item: LNode, key: string): { value: string; node: LNode } | undefined {
  if (item.kind !== 'map') return undefined;
  const node = item.entries.find((e) => e.key === key)?.value;
  return node?.kind === 'scalar' && typeof node.value === 'string' ? { value: node.value, node } : undefined;
}

function items(root: LNode, path: readonly string[]): readonly LNode[] {
  const list = nodeAt(root, path);
  return list?.kind === 'seq' ? list.items : [];
}

export function checkReferences(root: LNode, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { path, what } of ID_LISTS) {
    const seen = new Map<string, number>();
    items(root, path).forEach((item, i) => {
      const id = scalarField(item, 'id');
      if (!id) return;
      const first = seen.get(id.value);
      if (first === undefined) seen.set(id.value, i);
      else {
        out.push(
          error('duplicate-id', `duplicate ${what} id \`${id.value}\` (item ${first + 1} of ${path.join('.')} has it too)`, file, id.node.range, 'ids are unique within their list; rename one'),
        );
      }
    });
  }
  const siteIds = items(root, ['sites']).flatMap((s) => scalarField(s, 'id')?.value ?? []);
  for (const list of ['fleet', 'hosting']) {
    for (const item of items(root, [list])) {
      const site = scalarField(item, 'site');
      if (site && !siteIds.includes(site.value)) {
        out.push(error('unknown-site', `unknown site \`${site.value}\``, file, site.node.range, didYouMean(site.value, siteIds, 'sites')));
      }
    }
  }
  return out;
}
