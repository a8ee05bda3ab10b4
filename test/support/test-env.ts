/** Where the integration tests find real PostgreSQL and Redis (the machine's own by default). */
export const TEST_DATABASE_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Unique per `jest` run (set by global-setup), so parallel runs never share databases or queues. */
export function testRunId(): string {
  const id = process.env.DX_TEST_RUN_ID;
  if (!id) throw new Error('DX_TEST_RUN_ID is not set: run the tests through jest (global-setup sets it)');
  return id;
}
