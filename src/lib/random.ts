import { CODE_ALPHABET, RECEIPT_LENGTH, TOKEN_LENGTH } from '../domain/codes';

/** Uniform symbols from `alphabet` by rejection sampling, so no symbol is likelier than another. */
export function randomCode(length: number, alphabet = CODE_ALPHABET): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const b of bytes) {
      if (b < limit) out += alphabet[b % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export const newToken = () => randomCode(TOKEN_LENGTH);
export const newReceipt = () => randomCode(RECEIPT_LENGTH);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 128 random bits as hex: ids for meetings, subjects, ballots, users. */
export function randomId(bytes = 16): string {
  const b = crypto.getRandomValues(new Uint8Array(bytes));
  let s = '';
  for (const x of b) s += HEX[x];
  return s;
}
