import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, signIn, TestUser } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The web app's sessions: the refresh token in an HttpOnly cookie of the auth routes, never readable by the page's scripts. */
describe('refresh token in an HttpOnly cookie', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let user: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db);
    user = await signIn(app, db, 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const post = (url: string, body: object, cookie?: string) => {
    const r = request(app.getHttpServer()).post(url).set('Accept-Language', 'vi');
    return (cookie ? r.set('Cookie', cookie) : r).send(body);
  };
  /** The `dx_refresh=…` pair and the attributes of the response's Set-Cookie. */
  function refreshCookie(res: request.Response): { pair: string; attributes: string } {
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('dx_refresh='));
    if (!set) throw new Error('no dx_refresh cookie set');
    const [pair, ...attributes] = set.split(';').map((s) => s.trim());
    return { pair, attributes: attributes.join('; ') };
  }

  it('sign-in sets it (HttpOnly, SameSite=Strict, path /api/v1/auth) instead of returning it; refresh rotates it; the old one is refused', async () => {
    const login = await post('/api/v1/auth/login', { username: user.username, password: user.password, refreshCookie: true }).expect(200);
    expect(login.body).toMatchObject({ accessToken: expect.any(String), expiresIn: 900, user: { username: user.username } });
    expect(login.body).not.toHaveProperty('refreshToken');
    const first = refreshCookie(login);
    expect(first.attributes).toMatch(/HttpOnly/);
    expect(first.attributes).toMatch(/SameSite=Strict/);
    expect(first.attributes).toMatch(/Path=\/api\/v1\/auth(;|$)/);
    expect(first.attributes).toMatch(/Max-Age=1209600/);

    const renewed = await post('/api/v1/auth/refresh', {}, first.pair).expect(200);
    expect(renewed.body).not.toHaveProperty('refreshToken');
    await request(app.getHttpServer()).get('/api/v1/auth/me').set('Authorization', `Bearer ${renewed.body.accessToken}`).expect(200);
    const second = refreshCookie(renewed);
    expect(second.pair).not.toBe(first.pair);
    const replayed = await post('/api/v1/auth/refresh', {}, first.pair).expect(401);
    expect(replayed.body).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    expect(replayed.body.detail).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]/);

    // Signing out revokes the cookie's token and clears the cookie.
    const out = await post('/api/v1/auth/logout', {}, second.pair).expect(204);
    expect(refreshCookie(out).pair).toBe('dx_refresh=');
    await post('/api/v1/auth/refresh', {}, second.pair).expect(401);
  });

  it('without a cookie or a token, refresh is 401; API clients keep the token in the body as before', async () => {
    await post('/api/v1/auth/refresh', {}).expect(401);
    await post('/api/v1/auth/refresh', {}, 'dx_refresh=%E0%A4%A').expect(401);
    const login = await post('/api/v1/auth/login', { username: user.username, password: user.password }).expect(200);
    expect(login.headers['set-cookie']).toBeUndefined();
    const renewed = await post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken }).expect(200);
    expect(renewed.body.refreshToken).toEqual(expect.any(String));
    expect(renewed.headers['set-cookie']).toBeUndefined();
    await post('/api/v1/auth/login', { username: user.username, password: user.password, refreshCookie: 'yes' }).expect(400);
  });
});
