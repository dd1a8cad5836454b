import type { AppConfig } from '../services/context';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';

/** Node settings from the environment. Pure: throws on nonsense so a bad deploy fails at start. */
export interface NodeSettings {
  port: number;
  host: string;
  dbFile: string;
  adminToken?: string;
  /** Unset: the URL the server ends up listening on (PORT=0 picks a free port). */
  publicUrl?: string;
  /** MINPING_TRUST_PROXY: behind a reverse proxy, whose X-Forwarded-* headers to believe. */
  trustProxy?: TrustProxy | null;
}

export function parseNodeEnv(env: Record<string, string | undefined>): NodeSettings {
  const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const host = env.HOST || '127.0.0.1';
  const trustProxy = parseTrustProxy(env.MINPING_TRUST_PROXY);
  return { port, host, dbFile: env.MINPING_DB || 'data/minping.db', adminToken: adminTokenFrom(env), publicUrl: publicUrlFrom(env), ...(trustProxy && { trustProxy }) };
}

/** The settings both runtimes share; Workers read them from the bindings, Node from the process. */
function adminTokenFrom(env: Record<string, unknown>): string | undefined {
  const adminToken = typeof env.MINPING_ADMIN_TOKEN === 'string' && env.MINPING_ADMIN_TOKEN ? env.MINPING_ADMIN_TOKEN : undefined;
  if (adminToken !== undefined && adminToken.length < 16) throw new Error('MINPING_ADMIN_TOKEN must be at least 16 characters');
  return adminToken;
}

function publicUrlFrom(env: Record<string, unknown>): string | undefined {
  const raw = typeof env.MINPING_PUBLIC_URL === 'string' ? env.MINPING_PUBLIC_URL : '';
  const publicUrl = raw ? raw.replace(/\/+$/, '') : undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicUrl)) throw new Error(`MINPING_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  return publicUrl;
}

/**
 * The Worker's config for one request, from its bindings (vars and secrets). QR links default
 * to the origin the request came in on, so a workers.dev or custom domain works unset.
 */
export function parseWorkerEnv(env: Record<string, unknown>, requestOrigin: string): AppConfig {
  return { adminToken: adminTokenFrom(env), publicUrl: publicUrlFrom(env) ?? requestOrigin };
}
