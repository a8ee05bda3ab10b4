import { startBuiltApi } from '../support/run-built';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL, testRunId } from '../support/test-env';

describe('the built API with LOG_FORMAT=json', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('logs one JSON object per line, every request with its id and status, and no credentials', async () => {
    const api = await startBuiltApi({
      DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `dx-test-${testRunId()}-logs`, PORT: '0', LOG_FORMAT: 'json',
      JWT_SECRET: 'a-secret-for-the-json-log-test-0123456789',
    });
    try {
      const health = await fetch(`${api.url}/health`, { headers: { 'X-Request-Id': 'trace-123' } });
      expect(health.headers.get('x-request-id')).toBe('trace-123');
      const denied = await fetch(`${api.url}/api/v1/tasks?province=DNG`, { headers: { Authorization: 'Bearer secret-token-value' } });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await api.stop('SIGTERM');
    }
    const lines = api.output().split('\n').filter((l) => l.trim());
    const records = lines.map((l) => JSON.parse(l) as { msg?: string; req?: { id: string }; res?: { status: number } });
    expect(records.some((r) => /running at/.test(r.msg ?? ''))).toBe(true);
    expect(records.find((r) => r.req?.id === 'trace-123')).toMatchObject({ res: { status: 200 } });
    expect(records.some((r) => r.res?.status === 401)).toBe(true);
    expect(api.output()).not.toContain('secret-token-value');
  }, 60_000);
});
