import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const createSeasonSchema = z.object({
  title: text(200),
  rule: z.string().max(60),
  params: z.record(z.string(), z.unknown()).nullish(),
  rounds: z.enum(['pool', 'mean']).optional(),
  previous: z.string().max(40).nullish(),
  noticeDays: z.number().int().min(1).max(90).optional(),
  entries: z
    .array(
      z.object({
        key: z.union([text(40), z.number().int().transform(String)]),
        name: text(100),
        organization: z.string().trim().max(200).nullish(),
        category: z.string().trim().max(40).nullish(),
      }),
    )
    .min(1)
    .max(2000),
});

/** The rows envelope only: cells are checked by the season's rule, every bad one at once. */
export const seasonRowsSchema = z.object({ rows: z.array(z.unknown()).max(5000) });

export const publishSchema = z.object({ contact: z.string().trim().max(200).nullish() });
