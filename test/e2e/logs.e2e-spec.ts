import { AccountRepository } from '@dx/db';
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
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `dx-test-${testRunId()}-logs`,
      PORT: '0',
      LOG_FORMAT: 'json',
      JWT_SECRET: 'a-secret-for-the-json-log-test-0123456789',
    });
    try {
      const health = await fetch(`${api.url}/health`, { headers: { 'X-Request-Id': 'trace-123' } });
      expect(health.headers.get('x-request-id')).toBe('trace-123');
      const denied = await fetch(`${api.url}/api/v1/tasks?province=DNG`, { headers: { Authorization: 'Bearer secret-token-value' } });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      // Refused by the body parser, before any route: logged all the same.
      const malformed = await fetch(`${api.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'bad-body-1' },
        body: '{"username":',
      });
      expect(malformed.status).toBe(400);
    } finally {
      await api.stop('SIGTERM');
    }
    const lines = api
      .output()
      .split('\n')
      .filter((l) => l.trim());
    const records = lines.map((l) => JSON.parse(l) as { msg?: string; req?: { id: string }; res?: { status: number } });
    expect(records.some((r) => /running at/.test(r.msg ?? ''))).toBe(true);
    expect(records.find((r) => r.req?.id === 'trace-123')).toMatchObject({ res: { status: 200 } });
    expect(records.some((r) => r.res?.status === 401)).toBe(true);
    expect(records.find((r) => r.req?.id === 'bad-body-1')).toMatchObject({ res: { status: 400 } });
    expect(api.output()).not.toContain('secret-token-value');
  }, 60_000);

  it('never logs a password, an access, refresh or API token, at any level, whatever the auth routes are sent', async () => {
    const accounts = new AccountRepository(db.dataSource);
    const password = 'Mat-khau-bi-mat-7f3a9c';
    const { account } = await accounts.create({ username: 'log-admin', displayName: 'Log admin', role: 'admin', password });
    const apiToken = (await accounts.createApiToken(account.username, 'logs', ['read'], null)).token;
    const secrets: Record<string, string> = {
      password,
      apiToken,
      wrongPassword: 'sai-mat-khau-4d2e81',
      malformedPassword: 'cut-off-secret-91b7',
    };
    const api = await startBuiltApi({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `dx-test-${testRunId()}-logs2`,
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'trace',
      JWT_SECRET: 'a-secret-for-the-json-log-test-0123456789',
    });
    try {
      const call = (path: string, init: { body?: string; bearer?: string; headers?: Record<string, string> } = {}) =>
        fetch(`${api.url}${path}`, {
          method: init.body === undefined ? 'GET' : 'POST',
          body: init.body,
          headers: {
            'Content-Type': 'application/json',
            ...(init.bearer ? { Authorization: `Bearer ${init.bearer}` } : {}),
            ...init.headers,
          },
        });
      const login = await call('/api/v1/auth/login', { body: JSON.stringify({ username: 'log-admin', password }) });
      expect(login.status).toBe(200);
      const pair = (await login.json()) as { accessToken: string; refreshToken: string };
      Object.assign(secrets, {
        accessToken: pair.accessToken,
        accessSignature: pair.accessToken.split('.')[2],
        refreshToken: pair.refreshToken,
      });
      expect(
        (await call('/api/v1/auth/login', { body: JSON.stringify({ username: 'log-admin', password: secrets.wrongPassword }) })).status,
      ).toBe(401);
      expect((await call('/api/v1/auth/login', { body: `{"username":"log-admin","password":"${secrets.malformedPassword}` })).status).toBe(
        400,
      );
      expect((await call('/api/v1/auth/login', { body: JSON.stringify({ username: 'log-admin', password, remember: true }) })).status).toBe(
        400,
      );
      expect((await call('/api/v1/auth/me', { bearer: pair.accessToken })).status).toBe(200);
      expect((await call('/api/v1/auth/me', { bearer: `${pair.accessToken}x` })).status).toBe(401);
      expect((await call('/api/v1/provinces', { headers: { Cookie: `session=${pair.accessToken}` } })).status).toBe(401);
      const refreshed = await call('/api/v1/auth/refresh', { body: JSON.stringify({ refreshToken: pair.refreshToken }) });
      expect(refreshed.status).toBe(200);
      const next = (await refreshed.json()) as { accessToken: string; refreshToken: string };
      Object.assign(secrets, { nextAccessToken: next.accessToken, nextRefreshToken: next.refreshToken });
      expect((await call('/api/v1/auth/refresh', { body: JSON.stringify({ refreshToken: pair.refreshToken }) })).status).toBe(401);
      expect((await call('/api/v1/auth/logout', { body: JSON.stringify({ refreshToken: next.refreshToken }) })).status).toBe(204);
      expect((await call('/api/v1/provinces', { bearer: apiToken })).status).toBe(200);
    } finally {
      await api.stop('SIGTERM');
    }
    const records = api
      .output()
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { req?: { url: string }; res?: { status: number } });
    // The requests were logged with their statuses (the cut-off body too), so the check below is not vacuous.
    const authLines = records.filter((r) => r.req?.url.startsWith('/api/v1/auth/'));
    expect(authLines.map((r) => r.res?.status)).toEqual(expect.arrayContaining([200, 200, 200, 204, 400, 400, 401, 401, 401]));
    for (const [what, secret] of Object.entries(secrets)) {
      expect({ what, logged: api.output().includes(secret) }).toEqual({ what, logged: false });
      // Nor the random part of a token on its own.
      if (/^dx[rt]_/.test(secret)) expect({ what, logged: api.output().includes(secret.slice(4)) }).toEqual({ what, logged: false });
    }
  }, 60_000);
});
