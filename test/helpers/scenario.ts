import type { Client } from './target';

export type GradeName = 'very_satisfied' | 'satisfied' | 'basically_satisfied' | 'dissatisfied';

/** Creates a meeting as `staff` and returns its id and subject ids. */
export async function newMeeting(staff: Client, body: Record<string, unknown>) {
  const res = await staff.post('/api/meetings', body);
  if (res.status !== 201) throw new Error(`create meeting: ${res.status} ${res.text}`);
  return { id: res.body.id as string, subjects: res.body.subjects.map((s: { id: string }) => s.id) as string[], body: res.body };
}

export async function issue(staff: Client, meetingId: string, count: number, category?: string): Promise<string[]> {
  const res = await staff.post(`/api/meetings/${meetingId}/tokens`, { count, ...(category && { category }) });
  if (res.status !== 201) throw new Error(`issue tokens: ${res.status} ${res.text}`);
  return res.body.tokens;
}

/** Every subject graded the same way. */
export function allGraded(subjects: string[], grade: GradeName): Record<string, GradeName> {
  return Object.fromEntries(subjects.map((s) => [s, grade]));
}
