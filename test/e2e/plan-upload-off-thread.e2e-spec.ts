import { AccountRepository } from '@dx/db';
import { OFF_THREAD_MIN_BYTES } from '@dx/plan-file';
import { manyTasksPlanText } from '../factories/plan-file.factory';
import { RunningProcess, startBuiltApi } from '../support/run-built';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL, testRunId } from '../support/test-env';

const TASKS = 60_000;

/**
 * A large plan file takes a second or more to parse (60,000 tasks here). The built API
 * parses it in a worker thread, so it keeps answering other requests meanwhile.
 */
describe('a large plan upload does not stop the API from answering', () => {
  let db: TestDatabase;
  let api: RunningProcess;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const username = 'admin-upload';
    const { password } = await new AccountRepository(db.dataSource).create({ username, displayName: username, role: 'admin' });
    api = await startBuiltApi({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `dx-test-${testRunId()}-up`,
      PORT: '0',
      LOG_LEVEL: 'warn',
      RUN_WORKER: 'false',
    });
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    token = (await login.json()).accessToken;
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('answers /health while a multi-megabyte plan is being checked, then gives the full result', async () => {
    const text = manyTasksPlanText('BIG', TASKS);
    expect(Buffer.byteLength(text)).toBeGreaterThan(10 * OFF_THREAD_MIN_BYTES);
    const sent = Date.now();
    let checkedAt = 0;
    const checking = fetch(`${api.url}/api/v1/plans/validate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/yaml' },
      body: text,
    }).then(async (res) => {
      checkedAt = Date.now();
      return { status: res.status, body: await res.json() };
    });
    // Answers that arrive once the upload is surely in and being parsed, and before the result.
    const answeredDuringParse: number[] = [];
    while (!checkedAt) {
      const res = await fetch(`${api.url}/health`);
      if (!checkedAt && Date.now() - sent > 300 && res.status === 200) answeredDuringParse.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const result = await checking;
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ valid: true, province: 'BIG', counts: { tasks: TASKS } });
    // Parsing took long enough to matter, and other requests were answered meanwhile.
    expect(checkedAt - sent).toBeGreaterThan(1000);
    expect(answeredDuringParse.length).toBeGreaterThan(5);
  });
});
