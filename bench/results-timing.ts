import { nodeSha256 } from '../src/runtime/node-platform';
import { loadMeeting } from '../src/services/load-meeting';
import { meetingResults } from '../src/services/results';
import { openDatabase, SqliteStore } from '../src/store/sqlite-store';

/**
 * Computes a closed meeting's results `samples` times in this process, straight from the
 * server's SQLite file, each sample a whole computation (reading the ballots included) on a
 * fresh store.
 */
export async function timeResults(dbFile: string, meetingId: string, samples: number): Promise<number[]> {
  const sqlite = openDatabase(dbFile);
  try {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const services = { store: new SqliteStore(sqlite), config: { publicUrl: '' }, sha256: nodeSha256 };
      const meeting = await loadMeeting(services, meetingId, 'public');
      const started = performance.now();
      await meetingResults(services, meeting);
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    sqlite.close();
  }
}
