import { CODE_ALPHABET, RECEIPT_LENGTH, TOKEN_LENGTH } from '../domain/codes';

/**
 * Node pays ~3 µs per getRandomValues call whatever its size (each is a crypto job), and a vote
 * needs an id and a receipt: so random bytes come from a 4 KB pool, each byte handed out once.
 */
const pool = { bytes: new Uint8Array(0), at: 0 };

function randomBytes(n: number): Uint8Array {
  if (pool.at + n > pool.bytes.length) {
    pool.bytes = crypto.getRandomValues(new Uint8Array(Math.max(4096, n)));
    pool.at = 0;
  }
  pool.at += n;
  return pool.bytes.subarray(pool.at - n, pool.at);
}

/**
 * Uniform symbols from `alphabet` by rejection sampling, so no symbol is likelier than another.
 * Built with one fromCharCode, not `+=`: a string grown a character at a time stays a rope of
 * tiny pieces in V8 (~0.5 KB per token: 100,000 fresh tokens held 50 MB).
 */
export function randomCode(length: number, alphabet = CODE_ALPHABET): string {
  const limit = 256 - (256 % alphabet.length);
  const codes: number[] = [];
  while (codes.length < length) {
    const bytes = randomBytes(length * 2);
    for (const b of bytes) {
      if (b < limit) codes.push(alphabet.charCodeAt(b % alphabet.length));
      if (codes.length === length) break;
    }
  }
  return String.fromCharCode(...codes);
}

export const newToken = () => randomCode(TOKEN_LENGTH);
export const newReceipt = () => randomCode(RECEIPT_LENGTH);

const HEX_DIGITS = '0123456789abcdef';

/** 128 random bits as hex: ids for meetings, subjects, ballots, users. One flat string, built once. */
export function randomId(bytes = 16): string {
  const b = randomBytes(bytes);
  const codes = new Array<number>(bytes * 2);
  for (let i = 0; i < bytes; i++) {
    codes[2 * i] = HEX_DIGITS.charCodeAt(b[i] >> 4);
    codes[2 * i + 1] = HEX_DIGITS.charCodeAt(b[i] & 15);
  }
  return String.fromCharCode(...codes);
}
