import { describe, expect, it } from 'vitest';
import { parseWorkerEnv } from '../../src/runtime/env';

describe('the Worker config, read from its bindings on every request', () => {
  it('prints QR links on the request origin unless MINPING_PUBLIC_URL says otherwise', () => {
    expect(parseWorkerEnv({}, 'https://minping.example.workers.dev')).toEqual({ adminToken: undefined, publicUrl: 'https://minping.example.workers.dev', minGroup: 5 });
    expect(parseWorkerEnv({ MINPING_PUBLIC_URL: 'https://pj.example.cn/' }, 'https://x.workers.dev').publicUrl).toBe('https://pj.example.cn');
  });

  it('takes the admin key from a secret and ignores the other bindings', () => {
    expect(parseWorkerEnv({ MINPING_ADMIN_TOKEN: 'a-very-long-admin-key', DB: {} }, 'https://x.dev')).toEqual({ adminToken: 'a-very-long-admin-key', publicUrl: 'https://x.dev', minGroup: 5 });
  });

  it('refuses a short admin key or a public URL that is not http(s), as Node does at start', () => {
    expect(() => parseWorkerEnv({ MINPING_ADMIN_TOKEN: 'short' }, 'https://x.dev')).toThrow(/16/);
    expect(() => parseWorkerEnv({ MINPING_PUBLIC_URL: 'pj.example.cn' }, 'https://x.dev')).toThrow(/http/);
    expect(() => parseWorkerEnv({ MINPING_MIN_GROUP: '2' }, 'https://x.dev')).toThrow(/MINPING_MIN_GROUP.*at least 3/);
    expect(parseWorkerEnv({ MINPING_MIN_GROUP: '7' }, 'https://x.dev').minGroup).toBe(7);
  });
});
