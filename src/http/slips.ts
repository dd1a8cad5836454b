import type { Context } from 'hono';
import { DomainError } from '../domain/errors';

export interface IssuedSlips {
  meeting: { id: string; title: string };
  category: string;
  tokens: string[];
  urls: string[];
}

/** The printable A4 sheet of QR slips (the ballot-pages work fills this in). */
export async function renderSlipSheet(_c: Context, _issued: IssuedSlips, _layout: 'slip' | 'paper'): Promise<Response> {
  throw new DomainError('not_implemented', '打印版测评码尚未实现', 400);
}
