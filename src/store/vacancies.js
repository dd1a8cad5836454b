// Plain JavaScript: runs on the writer thread too (see ballot-batch.js).

/**
 * The empty ballot slots of each category, kept in the writer's memory, so a vote takes one
 * drawn uniformly at random in O(1). Drawing in the table instead (a random point, taken only
 * if its slot is empty) costs 1/(1 − share filled) seeks a vote: 10 at 90 % turnout, and a
 * meeting's last votes 64 draws and a fallback.
 *
 * Uniform over exactly the empty slots, so the slot a vote lands in says nothing of when it
 * came. The lists are only a cache of the table, which only this connection's votes take slots
 * from: they are dropped whenever another connection has committed since they were read
 * (`stamp`, SQLite's data_version: an issuance adds slots), and whenever a write they took part
 * in rolled back. A staff action during voting costs one read of a category's slots.
 */
export class Vacancies {
  /**
   * @param {{ column(row: object): string[] }} vacantIds
   * @param {{ get(row: object): any } | null} stamp null for a connection that issues slips itself
   *   (an in-memory database): its lists are then read again in every transaction.
   */
  constructor(vacantIds, stamp) {
    this.vacantIds = vacantIds;
    this.stamp = stamp;
    /** @type {Map<string, IdList>} */
    this.lists = new Map();
    this.seen = null;
    this.random = new RandomIndex();
  }

  /** At the start of every write transaction (the write lock held): another's commit since drops the lists. */
  refresh() {
    const now = this.stamp ? this.stamp.get({}).stamp : null;
    if (now === null || now !== this.seen) this.forget();
    this.seen = now;
  }

  /** After a rollback the lists may name slots as taken that are still empty: read them again. */
  forget() {
    this.lists.clear();
    this.seen = null;
  }

  /** An empty slot of the category, drawn uniformly and removed from the list; null if none. */
  take(at) {
    const key = `${at.meetingId}\u0000${at.category}`;
    let list = this.lists.get(key);
    // An empty list is read again too: a slot it missed must be taken before any row is added.
    if (!list || list.size === 0) {
      list = new IdList(this.vacantIds.column(at));
      this.lists.set(key, list);
    }
    if (list.size === 0) return null;
    return list.take(this.random.below(list.size));
  }
}

const HEX_ID = /^[0-9a-f]{32}$/;
/** Two hex digits per byte value. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** A lowercase hex digit's value (0–9 are 48–57, a–f 97–102). */
const nibble = (code) => (code < 58 ? code - 48 : code - 87);

/**
 * Slot ids with O(1) removal by index. The 128-bit hex ids slips are issued with are kept as
 * 16 bytes each (a JS string costs ~50): a 100,000-slip meeting's list is 1.6 MB. Any other id
 * (a slot migrated from an older release) is kept as it is, after them.
 */
class IdList {
  /** @param {string[]} ids */
  constructor(ids) {
    this.other = [];
    this.packed = 0;
    this.bytes = new Uint8Array(ids.length * 16);
    for (const id of ids) {
      if (!HEX_ID.test(id)) {
        this.other.push(id);
        continue;
      }
      const at = this.packed++ * 16;
      for (let k = 0; k < 16; k++) this.bytes[at + k] = (nibble(id.charCodeAt(2 * k)) << 4) | nibble(id.charCodeAt(2 * k + 1));
    }
  }

  get size() {
    return this.packed + this.other.length;
  }

  /** The id at `i` (below size), removed: the last of its kind takes its place. */
  take(i) {
    if (i >= this.packed) {
      const j = i - this.packed;
      const id = this.other[j];
      this.other[j] = this.other[this.other.length - 1];
      this.other.pop();
      return id;
    }
    let id = '';
    for (let k = i * 16; k < i * 16 + 16; k++) id += HEX[this.bytes[k]];
    this.packed--;
    this.bytes.copyWithin(i * 16, this.packed * 16, this.packed * 16 + 16);
    return id;
  }
}

/** Uniform integers below n from the CSPRNG (rejection, no modulo bias), drawn 1 KB at a time. */
class RandomIndex {
  constructor() {
    this.pool = new Uint32Array(256);
    this.next = this.pool.length;
  }

  word() {
    if (this.next === this.pool.length) {
      crypto.getRandomValues(this.pool);
      this.next = 0;
    }
    return this.pool[this.next++];
  }

  below(n) {
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const w = this.word();
      if (w < limit) return w % n;
    }
  }
}
