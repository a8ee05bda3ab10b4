import { INestApplication } from '@nestjs/common';
import { createHmac } from 'crypto';
import fc from 'fast-check';
import request from 'supertest';
import { PlanImporter } from '@dx/db';
import { DA_NANG_FILE, validPlanFile } from '../factories/plan-file.factory';
import { FuzzRun } from '../support/fuzz';
import { createTestApp, signIn, TEST_JWT_SECRET, TestUser } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A token signed by hand, so that every claim and the algorithm can be wrong on purpose. */
function token(header: object, claims: object, secret = TEST_JWT_SECRET): string {
  const data = `${b64(header)}.${b64(claims)}`;
  return `${data}.${createHmac('sha256', secret).update(data).digest('base64url')}`;
}

/** Issue 10 §2, authentication: forged, expired and misdirected tokens, replayed refresh tokens, brute force. */
describe('authentication against hostile tokens', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let user: TestUser;
  let claims: Record<string, unknown>;
  const HS256 = { alg: 'HS256', typ: 'JWT' };

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    app = await createTestApp(db);
    user = await signIn(app, db, 'officer', 'DNG', 'STTTT');
    claims = JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString());
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const me = (bearer: string) => request(app.getHttpServer()).get('/api/v1/auth/me').set('Authorization', `Bearer ${bearer}`);
  const post = (url: string, body: object) => request(app.getHttpServer()).post(url).send(body);
  /** 401 as a problem document that says why in general terms only. */
  async function refused(res: request.Test | Promise<request.Response>, code = 'UNAUTHENTICATED') {
    const r = await res;
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ status: 401, code, type: `urn:dx-tracker:problem:${code.toLowerCase()}` });
  }

  it('signs access tokens for this issuer and audience, with an expiry; a hand-signed copy of the claims is accepted', async () => {
    expect(claims).toMatchObject({
      iss: 'dx-tracker',
      aud: 'dx-tracker-api',
      role: 'officer',
      exp: expect.any(Number),
      iat: expect.any(Number),
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    // The control for every refusal below: the same claims signed the same way get in.
    await me(token(HS256, claims)).expect(200);
  });

  it.each([
    ['expired', () => token(HS256, { ...claims, iat: 1_600_000_000, exp: Math.floor(Date.now() / 1000) - 1 })],
    ['without an expiry', () => token(HS256, { ...claims, exp: undefined })],
    ['not valid yet (nbf)', () => token(HS256, { ...claims, nbf: Math.floor(Date.now() / 1000) + 3600 })],
    ['for another audience', () => token(HS256, { ...claims, aud: 'another-api' })],
    ['for several audiences, not this one', () => token(HS256, { ...claims, aud: ['another-api', 'dx-tracker'] })],
    ['without an audience', () => token(HS256, { ...claims, aud: undefined })],
    ['from another issuer', () => token(HS256, { ...claims, iss: 'https://evil.example' })],
    ['without an issuer', () => token(HS256, { ...claims, iss: undefined })],
    ['signed with another secret', () => token(HS256, claims, 'another-secret-that-is-long-enough-for-hs256')],
    ['with an unknown role', () => token(HS256, { ...claims, role: 'superadmin' })],
    ['with alg none and no signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, role: 'admin' })}.`],
    ['with alg None and the original signature', () => `${b64({ alg: 'None', typ: 'JWT' })}.${user.token.split('.').slice(1).join('.')}`],
    [
      'with alg HS512 claimed over an HS256 signature',
      () => `${b64({ alg: 'HS512', typ: 'JWT' })}.${user.token.split('.').slice(1).join('.')}`,
    ],
    ['with alg RS256 (key confusion)', () => token({ alg: 'RS256', typ: 'JWT' }, claims)],
    [
      'with the payload changed (role admin), signature kept',
      () => {
        const [h, , s] = user.token.split('.');
        return `${h}.${b64({ ...claims, role: 'admin', prv: null })}.${s}`;
      },
    ],
    [
      'with the signature changed',
      () => {
        const [h, p, s] = user.token.split('.');
        return `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
      },
    ],
    ['with the signature cut off', () => user.token.split('.').slice(0, 2).join('.')],
    ['as an unknown API token', () => 'dxt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses an access token %s with 401', async (_what, make) => {
    await refused(me(make()));
  });

  it('a token accepted before is refused once it expires (verified tokens are remembered only until their expiry)', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const shortLived = token(HS256, { ...claims, exp });
    await me(shortLived).expect(200);
    await me(shortLived).expect(200);
    // Polls until the token is refused: it must be by its expiry (plus a second of the clock's rounding and slack).
    await waitFor('the expired token to be refused', async () => (await me(shortLived)).status === 401, 4_000, 100);
    expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000);
    await refused(me(shortLived));
  });

  it('refuses any change to a valid token (property-based, seeded)', async () => {
    const run = new FuzzRun({ shrink: false });
    const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: fc.constantFrom(...B64URL) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: fc.constantFrom(...B64URL) }),
      fc.record({ kind: fc.constant('swap' as const), a: fc.nat({ max: 2 }), b: fc.nat({ max: 2 }) }),
    );
    await run.check(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let t = user.token;
        for (const m of mutations) {
          if (m.kind === 'replace') t = `${t.slice(0, m.at % t.length)}${m.char}${t.slice((m.at % t.length) + 1)}`;
          if (m.kind === 'delete') t = `${t.slice(0, m.at % t.length)}${t.slice((m.at % t.length) + 1)}`;
          if (m.kind === 'insert') t = `${t.slice(0, m.at % (t.length + 1))}${m.char}${t.slice(m.at % (t.length + 1))}`;
          if (m.kind === 'swap') {
            const parts = t.split('.');
            [parts[m.a], parts[m.b]] = [parts[m.b], parts[m.a]];
            t = parts.join('.');
          }
        }
        const res = await me(t);
        expect(res.status).toBe(t === user.token ? 200 : 401);
      }),
      300,
    );
    expect(run.cases).toBe(300);
  });

  it('a refresh token works once: used again, after logout, expired or twice at the same moment, it is 401', async () => {
    const login = await post('/api/v1/auth/login', { username: user.username, password: user.password }).expect(200);
    const first = login.body.refreshToken as string;
    const next = await post('/api/v1/auth/refresh', { refreshToken: first }).expect(200);
    // Each access token is its own (jti), even when issued within the same second as the one before.
    const jti = (t: string) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()).jti as string;
    expect(new Set([user.token, login.body.accessToken, next.body.accessToken].map(jti)).size).toBe(3);
    await refused(post('/api/v1/auth/refresh', { refreshToken: first }), 'INVALID_REFRESH_TOKEN');
    // The same token sent twice at once: exactly one rotation wins.
    const racing = await Promise.all([0, 1, 2].map(() => post('/api/v1/auth/refresh', { refreshToken: next.body.refreshToken })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    const latest = racing.find((r) => r.status === 200)!.body.refreshToken as string;
    await request(app.getHttpServer()).post('/api/v1/auth/logout').send({ refreshToken: latest }).expect(204);
    await refused(post('/api/v1/auth/refresh', { refreshToken: latest }), 'INVALID_REFRESH_TOKEN');
    const again = (await post('/api/v1/auth/login', { username: user.username, password: user.password }).expect(200)).body
      .refreshToken as string;
    await db.dataSource.query(`UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL`);
    await refused(post('/api/v1/auth/refresh', { refreshToken: again }), 'INVALID_REFRESH_TOKEN');
    // A refresh token is not an access token, nor the other way round.
    await refused(me(again));
    await refused(post('/api/v1/auth/refresh', { refreshToken: user.token.slice(0, 200) }), 'INVALID_REFRESH_TOKEN');
  });

  it('brute force: five wrong passwords lock the account (429, even with the right one) until the lock ends', async () => {
    const victim = await signIn(app, db, 'viewer', 'DNG');
    for (let i = 0; i < 5; i++)
      await refused(post('/api/v1/auth/login', { username: victim.username, password: `guess-${i}-wrong` }), 'INVALID_CREDENTIALS');
    const locked = await post('/api/v1/auth/login', { username: victim.username, password: victim.password }).expect(429);
    expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED', status: 429 });
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    await db.dataSource.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE username = $1`, [victim.username]);
    await post('/api/v1/auth/login', { username: victim.username, password: victim.password }).expect(200);
    const [row] = await db.dataSource.query(`SELECT failed_logins FROM app_user WHERE username = $1`, [victim.username]);
    expect(row.failed_logins).toBe(0);
  });

  it('brute force: sign-in and refresh attempts are throttled per client address (429)', async () => {
    const limited = await createTestApp(db, { env: { LOGIN_RATE_LIMIT: '3' } });
    try {
      const server = limited.getHttpServer();
      const refreshes = [];
      for (let i = 0; i < 5; i++)
        refreshes.push(
          (
            await request(server)
              .post('/api/v1/auth/refresh')
              .send({ refreshToken: `dxr_guess${i}` })
          ).status,
        );
      expect(refreshes).toEqual([401, 401, 401, 429, 429]);
      // Sign-ins have their own budget; beyond it even the right password waits.
      const logins = [];
      for (let i = 0; i < 4; i++)
        logins.push(await request(server).post('/api/v1/auth/login').send({ username: user.username, password: user.password }));
      expect(logins.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(logins[3].headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await limited.close();
    }
  });
});
