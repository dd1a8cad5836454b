import type { AuditEvent } from '../domain/audit';
import type { Rule } from '../domain/rule';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from '../../db/schema';
import type { auditEvents, meetings, users } from '../../db/schema';
import type { CategoryRow, Meeting, SubjectRow } from '../domain/meeting';
import type { User } from '../domain/people';

/** Either store's drizzle handle: the same builders run on better-sqlite3 (sync) and D1 (async). */
export type AnyDb = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

/** Row → domain shapes, shared by the SQLite and D1 stores. */
export function toUser(row: typeof users.$inferSelect): User {
  return { id: row.id, name: row.name, role: row.role, revoked: row.revoked, createdAt: row.createdAt };
}

export function toMeeting(row: typeof meetings.$inferSelect, categories: CategoryRow[], subjects: SubjectRow[]): Meeting {
  // The digest salt stays in the store: no page or answer that shows a meeting can leak it.
  const { ballotSalt: _salt, ...rest } = row;
  return { ...rest, rule: row.rule as Rule, categories, subjects };
}

export function toAuditEvent(row: typeof auditEvents.$inferSelect): AuditEvent {
  return { ...row, type: row.type as AuditEvent['type'], data: row.data as Record<string, unknown> };
}
