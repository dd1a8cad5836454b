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

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 128 random bits as hex: ids for meetings, subjects, ballots, users. */
export function randomId(bytes = 16): string {
  const b = randomBytes(bytes);
  return Array.from(b, (x) => HEX[x]).join('');
}
