import autocannon from 'autocannon';

import { percentile, progress, round } from './support';

export interface LoadOptions {
  label: string;
  url: string;
  connections: number;
  durationS: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: autocannon.RequestSpec[];
}

export interface LoadResult {
  requests: number;
  /** Responses per second (any status) over the measured duration. */
  rps: number;
  /** 2xx responses per second. */
  ok_rps: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  duration_s: number;
}

/**
 * One autocannon run. Latency percentiles come from every response's time (autocannon's
 * own histogram has no p95); they are times of 2xx responses only, as autocannon's are.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  // Only the options given: autocannon takes an explicit undefined (e.g. method) as a value.
  const given = Object.fromEntries(
    Object.entries({ method: options.method, headers: options.headers, body: options.body, requests: options.requests }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  const instance = autocannon({ url: options.url, connections: options.connections, duration: options.durationS, timeout: 30, ...given });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  const r = (x: number | null) => (x === null ? null : round(x, 2));
  const out: LoadResult = {
    requests,
    rps: round(requests / result.duration, 1),
    ok_rps: round(times.length / result.duration, 1),
    p50_ms: r(percentile(times, 50)),
    p95_ms: r(percentile(times, 95)),
    p99_ms: r(percentile(times, 99)),
    max_ms: r(percentile(times, 100)),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    duration_s: round(result.duration, 2),
  };
  progress(`load ${options.label}`, { rps: out.rps, p95_ms: out.p95_ms, non2xx: out.non2xx, errors: out.errors });
  return out;
}
