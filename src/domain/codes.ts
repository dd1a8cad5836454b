/**
 * Codes people read and type: no 0/O, 1/I/L look-alikes, upper case only. 31 symbols, so a
 * 26-symbol token carries 128.8 bits; a 10-symbol receipt 49.5 bits.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TOKEN_LENGTH = 26;
export const RECEIPT_LENGTH = 10;

/**
 * What a voter typed (lower case, spaces, dashes), or what a scanner read off the slip (the
 * whole ballot URL) → the token as issued, or null.
 */
export function normalizeToken(input: string): string | null {
  const fromUrl = /\/b\/([^/?#]+)/.exec(input);
  const t = (fromUrl ? fromUrl[1] : input).toUpperCase().replace(/[\s-]/g, '');
  if (t.length !== TOKEN_LENGTH) return null;
  for (const ch of t) if (!CODE_ALPHABET.includes(ch)) return null;
  return t;
}

/** 26 symbols in groups a person can copy from a slip: ABCDE-FGHJK-… */
export function formatToken(token: string): string {
  return token.match(/.{1,5}/g)!.join('-');
}
