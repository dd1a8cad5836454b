/** Who may sign in, and what each may do, is decided by role (http/auth.ts). */
export const ROLES = ['admin', 'supervisor', 'scorer'] as const;
export type Role = (typeof ROLES)[number];

/** A staff account; its key is kept only as a hash, and never in this shape. */
export interface User {
  id: string;
  name: string;
  role: Role;
  revoked: boolean;
  createdAt: string;
}

/** Who is acting: a staff account, or the environment's admin key. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** Who runs a meeting: its creator (always) and the co-supervisors added to it. */
export interface MeetingSupervisors {
  meetingId: string;
  owner: { id: string; name: string | null };
  supervisors: { id: string; name: string }[];
}
