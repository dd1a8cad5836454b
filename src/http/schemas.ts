import { z } from 'zod';
import { GRADES } from '../domain/grades';

const text = (max: number) => z.string().trim().min(1).max(max);
const count = (max: number) => z.number().int().min(1).max(max);
const fraction = z.object({ num: z.number().int().min(0), den: z.number().int().min(1) });

export const ruleSchema = z.union([
  z.string().max(40),
  z
    .object({
      satisfiedGrades: z.array(z.enum(GRADES)).min(1).max(4),
      quorum: fraction,
      threshold: z.object({ percent: z.number().min(0).max(100), strict: z.boolean().optional() }),
      minGroup: z.number().int().min(1).max(1000),
      categoryQuorum: z.record(z.string().max(40), fraction.extend({ of: z.string().max(40).optional() })),
    })
    .partial(),
]);

export const createMeetingSchema = z.object({
  title: text(200),
  organization: z.string().trim().max(200).nullish(),
  rule: ruleSchema.optional(),
  categories: z
    .array(z.object({ key: text(40), label: text(40).optional(), eligible: count(100_000) }))
    .max(50)
    .optional(),
  eligible: count(1_000_000).optional(),
  subjects: z
    .array(z.object({ name: text(100), kind: z.string().trim().max(40).nullish(), entry: z.string().trim().max(40).nullish() }))
    .min(1)
    .max(200),
});

export const issueTokensSchema = z.object({
  count: count(100_000),
  category: z.string().max(40).optional(),
  format: z.enum(['json', 'html']).optional(),
  layout: z.enum(['slip', 'paper']).optional(),
});

export const tokenSchema = z.object({ token: z.string().max(200) });

export const coSupervisorSchema = z.object({ userId: z.string().min(1).max(100) });

export const ballotSchema = z.object({
  token: z.string().max(200),
  // Choices are checked after the token (the contract orders 404 and 409 before 400).
  choices: z.unknown(),
});

export const userSchema = z.object({
  name: text(100),
  role: z.enum(['supervisor', 'scorer', 'admin']),
});

/** POST /api/scoring/run: the envelope only; rule names, cells and params are checked by the scoring domain. */
export const scoringRunSchema = z.object({
  rule: z.string().max(60),
  params: z.record(z.string(), z.unknown()).nullish(),
  rows: z.array(z.record(z.string(), z.unknown())).max(5000),
});

/** The text fields of a spreadsheet upload (multipart); `params` is JSON text. */
export const scoringUploadSchema = z.object({
  rule: z.string().max(60),
  params: z.string().max(20_000).optional(),
  fill: z.enum(['', '0', '1', 'blank', 'force']).optional(),
  /** Satisfaction from a meeting that does not count: flag the row (default) or leave it unfilled. */
  invalid: z.enum(['', 'flag', 'refuse']).optional(),
  format: z.enum(['json', 'xlsx', 'csv']).optional(),
});

/** The scorer page's download form: the sheet's rows as read (hidden JSON), recomputed on the server. */
export const scoringExportSchema = z
  .object({
    rule: z.string().max(60),
    rows: z.array(z.record(z.string(), z.unknown())).min(1).max(5000),
    lines: z.array(z.number().int().min(1)).max(5000),
    format: z.enum(['xlsx', 'csv']),
  })
  .refine((v) => v.lines.length === v.rows.length, { message: '行号与数据行数不一致，请重新上传表格计算后再下载', path: ['lines'] });
