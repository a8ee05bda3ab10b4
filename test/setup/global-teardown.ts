import Redis from 'ioredis';
import { Client } from 'pg';
import { TEST_DATABASE_ADMIN_URL, TEST_REDIS_URL } from '../support/test-env';

/** Drops whatever this run left behind (a test that crashed before its own clean-up). */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.DX_TEST_RUN_ID;
  if (!runId) return;
  const pg = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`dx_t_${runId}_%`]);
    for (const { datname } of rows) await pg.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await pg.end();
  }
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`dx-test-${runId}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
