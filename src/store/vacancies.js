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
    /** @type {Map<string, string[]>} */
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
    if (!list || list.length === 0) {
      list = this.vacantIds.column(at);
      this.lists.set(key, list);
    }
    if (list.length === 0) return null;
    const i = this.random.below(list.length);
    const id = list[i];
    list[i] = list[list.length - 1];
    list.pop();
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
