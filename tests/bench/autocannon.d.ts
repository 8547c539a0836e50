/**
 * The part of autocannon's programmatic API the benchmark uses; the package
 * ships no type definitions (see its README, "API").
 */
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      title?: string;
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      body?: string;
      /** A response whose body differs from this string counts as a mismatch. */
      expectBody?: string;
      connections?: number;
      pipelining?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      /** Runs the load in this many worker threads instead of the calling thread. */
      workers?: number;
    }

    /** Percentiles are keyed `p50`, `p90`, `p97_5`, `p99`, ... */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      [percentile: `p${string}`]: number;
    }

    interface Result {
      title?: string;
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      statusCodeStats: Record<string, { count: number }>;
      /** Milliseconds per request. */
      latency: Histogram & { totalCount: number };
      /** Requests per second, sampled once a second. */
      requests: Histogram & { sent: number };
      /** Bytes per second. */
      throughput: Histogram;
    }

    interface Instance extends PromiseLike<Result> {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;

  export = autocannon;
}
