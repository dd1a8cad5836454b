/** Node settings from the environment. Pure: throws on nonsense so a bad deploy fails at start. */
export interface NodeSettings {
  port: number;
  host: string;
  dbFile: string;
  adminToken?: string;
  /** Unset: the URL the server ends up listening on (PORT=0 picks a free port). */
  publicUrl?: string;
}

export function parseNodeEnv(env: Record<string, string | undefined>): NodeSettings {
  const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const host = env.HOST || '127.0.0.1';
  const adminToken = env.MINPING_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 16) throw new Error('MINPING_ADMIN_TOKEN must be at least 16 characters');
  const publicUrl = env.MINPING_PUBLIC_URL ? env.MINPING_PUBLIC_URL.replace(/\/+$/, '') : undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicUrl)) throw new Error(`MINPING_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  return { port, host, dbFile: env.MINPING_DB || 'data/minping.db', adminToken, publicUrl };
}
