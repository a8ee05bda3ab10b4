import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { daysBetween, todayIn } from '@dx/domain';
import { Clock, TIME_ZONE } from '@dx/status-engine';
import { parseScales } from './recompute-scales';
import { envNumber } from './support';

/** The recompute benchmark's settings, from the environment (listed in recompute.bench.ts). */
export const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  scale: envNumber('BENCH_SCALE', 1),
  /** BENCH_SCALES: one run per scale and the growth of each figure (recompute-scales.ts); null: one run at `scale`. */
  scales: parseScales(process.env.BENCH_SCALES),
  keepDb: process.env.BENCH_KEEP_DB === '1',
  asOf: process.env.BENCH_AS_OF || '2024-06-30',
  debounceMs: envNumber('BENCH_DEBOUNCE_MS', envNumber('RECOMPUTE_DEBOUNCE_MS', 0)),
  updates: envNumber('BENCH_UPDATES', 1000),
  updateRate: envNumber('BENCH_UPDATE_RATE', 50),
  workerConcurrency: envNumber('BENCH_WORKER_CONCURRENCY', 1),
  lockDurationMs: envNumber('WORKER_LOCK_DURATION_MS', 30_000),
  incrementalTimeoutS: envNumber('BENCH_INCREMENTAL_TIMEOUT_S', 600),
  relayIntervalMs: 50,
  pollIntervalMs: 10,
  seed: envNumber('BENCH_SEED', 20240630),
  profile: process.env.BENCH_PROFILE !== '0',
  skip: new Set(
    (process.env.BENCH_SKIP ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
};

const runId = randomBytes(4).toString('hex');
export const dbName = `dx_bench_${runId}`;
export const queuePrefix = `dx-bench-${runId}`;

export function urlFor(database: string): string {
  const url = new URL(settings.adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: settings.adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Real time moved back by whole days so that "today" in Asia/Ho_Chi_Minh is the bench's as-of date (run timestamps stay ordered). */
export function shiftedClock(asOf: string): Clock {
  const shiftMs = daysBetween(asOf, todayIn(TIME_ZONE, new Date())) * 86_400_000;
  const clock: Clock = { now: () => new Date(Date.now() - shiftMs) };
  const today = todayIn(TIME_ZONE, clock.now());
  if (today !== asOf) throw new Error(`shifted clock gives ${today}, expected ${asOf}`);
  return clock;
}
