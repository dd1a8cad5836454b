// autocannon 9 ships no types; these are the parts the benchmark uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  /** One connection; it writes what getRequestBuffer returns for each request. */
  export interface Client {
    getRequestBuffer(): Buffer;
  }

  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    method?: string;
    setupClient?: (client: Client) => void;
  }

  interface Result {
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    requests: { sent: number };
  }

  interface Instance extends EventEmitter {
    stop(): void;
  }

  function autocannon(options: Options, callback: (err: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
