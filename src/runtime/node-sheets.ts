import { Worker } from 'node:worker_threads';
import { DomainError } from '../domain/errors';
import type { SheetReader, SheetRows } from '../services/scoring-sheet';

export interface SheetWorkerLimits {
  /** The worker's old-generation heap: a sheet needing more dies there, answered 413. */
  heapMb: number;
  timeoutMs: number;
}

// From source (tsx, tests) the worker is TypeScript, loaded through tsx; from the bundle it sits beside node.mjs.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = new URL(fromSource ? './sheet-worker-dev.mjs' : './sheet-worker.mjs', import.meta.url);

type Reply = { sheet?: SheetRows; refused?: { code: never; message: string; details?: unknown }; failed?: string };

const TIMED_OUT = '表格处理超时：文件过大或结构异常，已停止处理。请只保留评分数据，另存为 .xlsx 或“CSV UTF-8”后再上传';

/**
 * Parses uploads on a worker thread with `resourceLimits`, one sheet at a time (uploads are
 * rare; the thread is kept for the next one). An out-of-memory or a parse past the timeout ends
 * only that thread; the next upload starts a fresh one.
 */
export function workerSheetReader(limits: SheetWorkerLimits = { heapMb: 160, timeoutMs: 30_000 }): SheetReader {
  let worker: Worker | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const spawn = () => {
    const w = new Worker(WORKER, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 16 } });
    w.unref(); // an idle parser never keeps the process alive
    return w;
  };

  function parse(bytes: Uint8Array, columns: unknown, optional: string[]): Promise<SheetRows> {
    const w = (worker ??= spawn());
    return new Promise<SheetRows>((resolve, reject) => {
      const done = (fn: () => void, dead = false) => {
        clearTimeout(timer);
        w.off('message', onMessage).off('error', onError).off('exit', onExit);
        w.unref();
        if (dead && worker === w) {
          worker = null;
          void w.terminate();
        }
        fn();
      };
      const onMessage = (m: Reply) => {
        if (m.sheet) done(() => resolve(m.sheet!));
        else if (m.refused) done(() => reject(new DomainError(m.refused!.code, m.refused!.message, m.refused!.details)));
        else done(() => reject(new Error(`sheet worker: ${m.failed}`)));
      };
      // ERR_WORKER_OUT_OF_MEMORY: the cap did its job.
      const onError = (err: NodeJS.ErrnoException) => done(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new DomainError('sheet_too_large', undefined, { limit: 'memory' }) : err), true);
      const onExit = () => done(() => reject(new DomainError('sheet_too_large', undefined, { limit: 'memory' })), true);
      const timer = setTimeout(() => done(() => reject(new DomainError('sheet_too_large', TIMED_OUT, { limit: 'time' })), true), limits.timeoutMs);
      w.on('message', onMessage).once('error', onError).once('exit', onExit);
      w.ref();
      w.postMessage({ bytes, columns, optional });
    });
  }

  return (bytes, columns, optional) => {
    const job = queue.then(() => parse(bytes, columns, [...optional]));
    queue = job.catch(() => {});
    return job;
  };
}
