import Database from 'better-sqlite3';
import { startNodeTarget } from '../helpers/node-target';
import { seasonSuite } from './season-suite';

seasonSuite('Node + SQLite', async () => {
  let offset = 0;
  const target = await startNodeTarget({ clock: () => new Date(Date.now() + offset) });
  return {
    ...target,
    advance: (ms) => void (offset += ms),
    tamperResult: (seasonId) => {
      // Someone with the database file raises one published total.
      const db = new Database(target.dbFile);
      try {
        const { result } = db.prepare('SELECT result FROM season_results WHERE season_id = ?').get(seasonId) as { result: string };
        db.prepare('UPDATE season_results SET result = ? WHERE season_id = ?').run(result.replace('"total":64', '"total":84'), seasonId);
      } finally {
        db.close();
      }
    },
  };
});
