import { z } from 'zod';
import { DEFAULT_MIN_GROUP, LOWEST_MIN_GROUP } from '../domain/rule';
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
  /** The publication floor k: results of a meeting with fewer ballots show no counts. */
  minGroup?: number;
}

/** An empty variable is an unset one (`FOO= npm start`), as a shell user means it. */
const unsetIfBlank = (v: unknown) => (v === '' || typeof v !== 'string' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfBlank, schema.optional());

/** The settings both runtimes share; Workers read them from the bindings, Node from the process. */
const shared = {
  MINPING_ADMIN_TOKEN: optional(z.string().min(16, 'MINPING_ADMIN_TOKEN must be at least 16 characters')),
  MINPING_PUBLIC_URL: z.preprocess(
    (v) => unsetIfBlank(v)?.replace(/\/+$/, ''),
    z
      .string()
      .regex(/^https?:\/\/[^/]+/, { error: (issue) => `MINPING_PUBLIC_URL must be an http(s) URL, got "${String(issue.input)}"` })
      .optional(),
  ),
  // The publication floor k; below 3 one voter's choices would show through the counts.
  MINPING_MIN_GROUP: optional(
    z
      .string()
      .refine((v) => /^\s*\d+\s*$/.test(v) && Number(v) >= LOWEST_MIN_GROUP, {
        error: (issue) => `MINPING_MIN_GROUP must be a whole number of at least ${LOWEST_MIN_GROUP} (公布结果的最少票数不能低于 ${LOWEST_MIN_GROUP}), got "${String(issue.input)}"`,
      })
      .transform(Number),
  ),
};

const nodeEnv = z.object({
  PORT: optional(
    z
      .string()
      .refine((v) => Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 65535, { error: (issue) => `PORT must be a port number, got "${String(issue.input)}"` })
      .transform(Number),
  ),
  HOST: optional(z.string()),
  MINPING_DB: optional(z.string()),
  ...shared,
});

const workerEnv = z.object(shared);

/** The first problem, in the words of the schema: a start-up error names the variable. */
function parsed<T extends z.ZodType>(schema: T, env: Record<string, unknown>): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(issue.message.includes(String(issue.path[0])) ? issue.message : `${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}

export function parseNodeEnv(env: Record<string, string | undefined>): NodeSettings {
  const e = parsed(nodeEnv, env);
  const trustProxy = parseTrustProxy(env.MINPING_TRUST_PROXY);
  return {
    port: e.PORT ?? 8787,
    host: e.HOST || '127.0.0.1',
    dbFile: e.MINPING_DB || 'data/minping.db',
    adminToken: e.MINPING_ADMIN_TOKEN,
    publicUrl: e.MINPING_PUBLIC_URL,
    minGroup: e.MINPING_MIN_GROUP ?? DEFAULT_MIN_GROUP,
    ...(trustProxy && { trustProxy }),
  };
}

/**
 * The Worker's config for one request, from its bindings (vars and secrets). QR links default
 * to the origin the request came in on, so a workers.dev or custom domain works unset.
 */
export function parseWorkerEnv(env: Record<string, unknown>, requestOrigin: string): AppConfig {
  const e = parsed(workerEnv, env);
  return { adminToken: e.MINPING_ADMIN_TOKEN, publicUrl: e.MINPING_PUBLIC_URL ?? requestOrigin, minGroup: e.MINPING_MIN_GROUP ?? DEFAULT_MIN_GROUP };
}
