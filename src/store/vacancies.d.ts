/** The empty ballot slots of each category, in the writer's memory (see vacancies.js). */
export class Vacancies {
  constructor(vacantIds: { column(row: object): string[] }, stamp: { get(row: object): { stamp: number } } | null);
  refresh(): void;
  forget(): void;
  take(at: { meetingId: string; category: string }): string | null;
}
