import type { RuleName } from '../domain/scoring';
import { PREFIX } from '../../web/scorer/params';

/** The scorer page's `p.*` param fields (web/scorer/params.ts lays them out) read back into params. */

const SEGMENT = /^(?:[A-Za-z][A-Za-z0-9_]{0,39}|\d{1,2})$/;

type Tree = { [k: string]: Tree | string };

/** Builds the nested object from `p.*` fields; blank cells are left out so defaults apply. */
function treeOf(form: Record<string, string>): Tree {
  // Field names are the user's: null-prototype nodes, so `p.toString.x` is data, never a method.
  const root: Tree = Object.create(null);
  for (const [name, value] of Object.entries(form)) {
    if (!name.startsWith(PREFIX) || value.trim() === '') continue;
    const path = name.slice(PREFIX.length).split('.');
    if (!path.every((s) => SEGMENT.test(s))) continue;
    let node = root;
    path.slice(0, -1).forEach((s) => {
      const next = Object.hasOwn(node, s) ? node[s] : undefined;
      node = typeof next === 'object' ? next : (node[s] = Object.create(null));
    });
    node[path[path.length - 1]] = value.trim();
  }
  return root;
}

/** Numbered children (table rows) become an array in row order. */
function shape(node: Tree | string, key: string, rule: RuleName): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length && keys.every((k) => /^\d+$/.test(k))) {
    const rows = keys.sort((a, b) => Number(a) - Number(b)).map((k) => shape(node[k], k, rule) as Record<string, unknown>);
    if (rule === 'weighted' && key === 'weights') return Object.fromEntries(rows.filter((r) => r.field).map((r) => [r.field, r.weight ?? '']));
    return rows;
  }
  return Object.fromEntries(keys.map((k) => [k, shape(node[k], k, rule)]));
}

/** The params a page form describes; numbers stay text, which the scoring domain reads exactly. */
export function paramsFromForm(rule: RuleName, form: Record<string, string>): Record<string, unknown> {
  return shape(treeOf(form), '', rule) as Record<string, unknown>;
}
