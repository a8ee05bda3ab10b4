import { randomBytes } from 'crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { TEST_DATABASE_ADMIN_URL, TEST_REDIS_URL } from '../support/test-env';

/** Checks the real services are there and gives this run a unique id for databases and queue prefixes. */
export default async function globalSetup(): Promise<void> {
  // Both service-using projects (integration, slow) run this; the second keeps the first's id so one teardown cleans all.
  process.env.DX_TEST_RUN_ID ??= `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const pg = new Client({ connectionString: TEST_DATABASE_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (error) {
    throw new Error(`tests need PostgreSQL at ${TEST_DATABASE_ADMIN_URL} (set TEST_DATABASE_URL): ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL): ${(error as Error).message}`, { cause: error });
  } finally {
    redis.disconnect();
  }
}
