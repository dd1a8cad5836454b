import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'minping-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Figures depend on the machine and are only reported; what is checked is that the benchmark
// runs end to end and that every acknowledged vote was counted.
describe('npm run bench -- --quick', () => {
  it('measures every part and counts exactly the votes it acknowledged', async () => {
    const out = join(dir, 'quick.json');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], { cwd: ROOT, timeout: 120_000 });
    expect(stdout).toContain('durable vote ingest');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.quick).toBe(true);
    expect(report.hello.ok).toBeGreaterThan(0);
    expect(report.ingest.acknowledged).toBeGreaterThan(0);
    expect(report.ingest.counted).toBe(report.ingest.acknowledged);
    expect(report.ingest.errors).toBe(0);
    expect(report.ingest.non2xx).toBe(0);
    // The phone path: every slip's GET + form POST ended on the success page, and was counted.
    expect(stdout).toContain('phone path');
    expect(report.phone.ok).toBeGreaterThan(0);
    expect(report.phone.failed + report.phone.errors).toBe(0);
    expect(report.phone.counted).toBe(report.phone.acknowledged);
    expect(report.phone.wireBytes.ballot).toBeGreaterThan(0);
    expect(report.issuance.perSecond).toBeGreaterThan(0);
    expect(report.results.inProcessMs).toHaveLength(5);
    expect(report.sse.watchers).toBeGreaterThan(0);
    expect(report.sse.samples).toBeGreaterThan(0);
    expect(report.sse.missed).toBe(0);
    expect(report.peakRssMb).toBeGreaterThan(0);
  });
});
