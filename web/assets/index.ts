import { Hono } from 'hono';

/**
 * Static files live in TypeScript modules as strings, so the same bundle serves them on Node
 * and on Workers with no file system. Each page family registers its own files here.
 */
export interface Asset {
  type: string;
  body: string;
}

// A Map: the name comes from the URL, and /assets/constructor must not find Object's.
export const assets = new Map<string, Asset>();

export function registerAsset(name: string, type: string, body: string) {
  assets.set(name, { type, body });
}

/** A short content hash for cache-busting URLs: /assets/voter.css?v=… */
export function assetVersion(name: string): string {
  const body = assets.get(name)?.body ?? '';
  let h = 2166136261;
  for (let i = 0; i < body.length; i++) h = Math.imul(h ^ body.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export const assetUrl = (name: string) => `/assets/${name}?v=${assetVersion(name)}`;

export const assetRoutes = new Hono().get('/:name', (c) => {
  const asset = assets.get(c.req.param('name'));
  if (!asset) return c.json({ error: { code: 'not_found', message: '没有这个文件' } }, 404);
  return c.body(asset.body, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=31536000, immutable' });
});
