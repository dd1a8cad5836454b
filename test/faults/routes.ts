import { createApp } from '../../src/http/app';
import type { Platform } from '../../src/http/env';

export interface RouteEntry {
  method: string;
  path: string;
}

/** The app's own route table (handlers, not middleware), read from a never-served instance. */
export function routeTable(): RouteEntry[] {
  const unused = () => {
    throw new Error('the route table is only read');
  };
  const platform: Platform = { store: unused, config: unused, sha256: unused, clientAddress: unused };
  const seen = new Map<string, RouteEntry>();
  for (const r of createApp(platform).routes) {
    if (r.method === 'ALL') continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

/** `/api/meetings/:id/tokens` with every `:param` filled in. */
export function fillPath(path: string, value: (param: string, index: number) => string): string {
  let i = 0;
  return path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => value(name, i++));
}
