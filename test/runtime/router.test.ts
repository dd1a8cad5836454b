import { RegExpRouter } from 'hono/router/reg-exp-router';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import type { Platform } from '../../src/http/env';

describe('routing', () => {
  // Hono falls back to its TrieRouter, several µs slower per request (votes included), as soon
  // as one route is ambiguous for the RegExpRouter: e.g. a fixed word where an id goes.
  it('fits every route and middleware into the precompiled RegExpRouter', () => {
    const unused = () => {
      throw new Error('the route table is only read');
    };
    const platform: Platform = { store: unused, config: unused, sha256: unused, clientAddress: unused };
    const router = new RegExpRouter<unknown>();
    const added: string[] = [];
    expect(() => {
      for (const r of createApp(platform).routes) {
        added.push(`${r.method} ${r.path}`);
        router.add(r.method, r.path, r.handler);
      }
      router.match('GET', '/');
    }, `the last route added: ${added.at(-1)}`).not.toThrow();
  });
});
