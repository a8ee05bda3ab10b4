import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PlanImporter } from '@dx/db';
import { DA_NANG_FILE, validPlanFile } from '../factories/plan-file.factory';
import { as, createTestApp, signIn, TestUser } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** What a person reads in an error: Vietnamese for the web (Accept-Language: vi), English for `en`; never framework English. */
describe('error messages in Vietnamese, English under Accept-Language: en', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;
  let viewer: TestUser;

  const vi = (r: request.Test) => r.set('Accept-Language', 'vi-VN,vi;q=0.9');
  const en = (r: request.Test) => r.set('Accept-Language', 'en');
  const login = (body: object) => request(app.getHttpServer()).post('/api/v1/auth/login').send(body);
  const taskId = async (code: string): Promise<string> =>
    (await db.dataSource.query(`SELECT id FROM task WHERE code = $1 LIMIT 1`, [code]))[0].id;

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
    officer = as(app, (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token);
    viewer = await signIn(app, db, 'viewer', 'DNG');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('a wrong password is 401 "Sai tên đăng nhập hoặc mật khẩu", not an expired session', async () => {
    const wrong = await vi(login({ username: viewer.username, password: 'sai-mat-khau' })).expect(401);
    expect(wrong.body).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      title: 'Sai tên đăng nhập hoặc mật khẩu',
      detail: 'Sai tên đăng nhập hoặc mật khẩu',
    });
    expect(JSON.stringify(wrong.body)).not.toMatch(/hết hạn|wrong/);
    const english = await en(login({ username: viewer.username, password: 'sai-mat-khau' })).expect(401);
    expect(english.body).toMatchObject({ title: 'Wrong username or password', detail: 'wrong username or password' });
  });

  it('a locked account names the time it opens again as Vietnam reads it, never an ISO instant', async () => {
    const user = await signIn(app, db, 'viewer', 'DNG');
    await db.dataSource.query(`UPDATE app_user SET locked_until = '2099-12-02T08:28:00Z' WHERE username = $1`, [user.username]);
    const locked = await vi(login({ username: user.username, password: user.password })).expect(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.detail).toBe('Đăng nhập sai quá nhiều lần; hãy thử lại sau 15:28 ngày 02/12/2099');
    expect(locked.body.title).toBe('Tài khoản tạm thời bị khóa');
    const english = await en(login({ username: user.username, password: user.password })).expect(429);
    expect(english.body.detail).toBe('too many failed sign-ins; try again after 2099-12-02T08:28:00.000Z');
  });

  it('a missing field gets one message, "bắt buộc", and "Validation failed" never reaches the reader', async () => {
    const res = await vi(login({})).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.title).toBe('Dữ liệu không hợp lệ');
    expect(res.body.detail).toBe('Có 2 trường chưa hợp lệ; xem chi tiết theo từng trường');
    expect(res.body.errors).toEqual([
      { path: 'username', messages: ['"username" là bắt buộc'] },
      { path: 'password', messages: ['"password" là bắt buộc'] },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/Validation failed|must be/);
    const english = await en(login({})).expect(400);
    expect(english.body.detail).toBe('2 fields are invalid; see errors for which and why');
    expect(english.body.errors).toEqual([
      { path: 'username', messages: ['username is required'] },
      { path: 'password', messages: ['password is required'] },
    ]);
  });

  it('text in a number field gets one message; a limit names its value', async () => {
    const text = await vi(officer.get('/api/v1/tasks?province=DNG&pageSize=abc')).expect(400);
    expect(text.body.errors).toEqual([{ path: 'pageSize', messages: ['"pageSize" phải là số nguyên'] }]);
    const big = await vi(officer.get('/api/v1/tasks?province=DNG&pageSize=500')).expect(400);
    expect(big.body.errors).toEqual([{ path: 'pageSize', messages: ['"pageSize" không được lớn hơn 200'] }]);
    expect(big.body.detail).toBe('Có 1 trường chưa hợp lệ; xem chi tiết theo từng trường');
    const english = await en(officer.get('/api/v1/tasks?province=DNG&pageSize=500')).expect(400);
    expect(english.body.errors).toEqual([{ path: 'pageSize', messages: ['pageSize must not exceed 200'] }]);
  });

  it('an If-Match that is not a version is 400 with a clear message; a missing one stays 428', async () => {
    const id = await taskId('KH-T1.1');
    const bad = await vi(officer.patch(`/api/v1/tasks/${id}`).set('If-Match', 'phien-ban-moi').send({ comment: 'x' })).expect(400);
    expect(bad.body).toMatchObject({
      code: 'INVALID_INPUT',
      detail: 'If-Match "phien-ban-moi" không phải là số phiên bản (ví dụ: "3")',
      errors: [{ path: 'If-Match', messages: ['phải là số phiên bản, ví dụ "3"'] }],
    });
    const english = await en(officer.patch(`/api/v1/tasks/${id}`).set('If-Match', 'abc').send({ comment: 'x' })).expect(400);
    expect(english.body.detail).toBe('If-Match "abc" is not a version number (e.g. "3")');
    const missing = await vi(officer.patch(`/api/v1/tasks/${id}`).send({ comment: 'x' })).expect(428);
    expect(missing.body.detail).toMatch(/^Hãy gửi kèm If-Match/);
  });

  it('domain errors (404, 409, 403) in Vietnamese, the same in English under en', async () => {
    const province = await vi(officer.get('/api/v1/provinces/XYZ')).expect(404);
    expect(province.body).toMatchObject({ code: 'PROVINCE_NOT_FOUND', title: 'Không tìm thấy', detail: 'Không tìm thấy tỉnh có mã "XYZ"' });
    expect((await en(officer.get('/api/v1/provinces/XYZ')).expect(404)).body.detail).toBe('no province with code "XYZ"');

    const id = await taskId('KH-T1.1');
    const stale = await vi(officer.patch(`/api/v1/tasks/${id}`).set('If-Match', '"7"').send({ comment: 'x' })).expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(stale.body.title).toBe('Dữ liệu đã được người khác thay đổi');
    expect(stale.body.detail).toMatch(/^Nhiệm vụ KH-T1\.1 đã được người khác cập nhật \(phiên bản hiện tại \d+, bạn đã đọc phiên bản 7\)/);
    const staleEn = await en(officer.patch(`/api/v1/tasks/${id}`).set('If-Match', '"7"').send({ comment: 'x' })).expect(409);
    expect(staleEn.body.detail).toMatch(/^task KH-T1\.1 is at version \d+, not 7$/);

    const reader = as(app, viewer.token);
    const denied = await vi(reader.patch(`/api/v1/tasks/${id}`).set('If-Match', '"1"').send({ comment: 'x' })).expect(403);
    expect(denied.body).toMatchObject({ code: 'ACCESS_DENIED', detail: 'Vai trò người xem không được thực hiện thao tác này' });
  });

  it("a KPI value that breaks the indicator's rules is refused with the rule in Vietnamese", async () => {
    const body = { indicator: 'dvc-toan-trinh', province: 'DNG', org: 'STTTT', period: '2024-06', value: '150' };
    const viRes = await vi(officer.post('/api/v1/observations').send(body)).expect(400);
    const enRes = await en(officer.post('/api/v1/observations').send(body)).expect(400);
    expect(viRes.body.detail).toBe('Giá trị vi phạm quy tắc nhập số liệu của chỉ tiêu');
    expect(enRes.body.detail).toBe('the value breaks the observation rules');
    const [viField] = viRes.body.errors;
    const [enField] = enRes.body.errors;
    expect(viField.path).toBe(enField.path);
    expect(viField.messages[0]).not.toBe(enField.messages[0]);
    expect(viField.messages[0]).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
  });

  it('anonymous requests and unknown routes are told in Vietnamese', async () => {
    const anonymous = await vi(request(app.getHttpServer()).get('/api/v1/tasks?province=DNG')).expect(401);
    expect(anonymous.body.detail).toBe('Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn; hãy đăng nhập lại');
    const route = await vi(officer.get('/api/v1/khong-co')).expect(404);
    expect(route.body.detail).toBe('Không có đường dẫn GET /api/v1/khong-co trong API');
    expect((await en(officer.get('/api/v1/khong-co')).expect(404)).body.detail).toBe('Cannot GET /api/v1/khong-co');
  });
  // Last: closing a second app on the same database ends its connection.
  it('the sign-in throttle (429) says so in Vietnamese, not "ThrottlerException: Too Many Requests"', async () => {
    const limited = await createTestApp(db, { env: { LOGIN_RATE_LIMIT: '1' } });
    try {
      const server = limited.getHttpServer();
      await request(server).post('/api/v1/auth/login').send({ username: 'x', password: 'y' }).expect(401);
      const viRes = await request(server)
        .post('/api/v1/auth/login')
        .set('Accept-Language', 'vi')
        .send({ username: 'x', password: 'y' })
        .expect(429);
      expect(viRes.body.title).toBe('Quá nhiều yêu cầu, vui lòng thử lại sau');
      expect(viRes.body.detail).toMatch(/^Quá nhiều yêu cầu; hãy thử lại sau (\d+ giây|ít phút)$/);
      const enRes = await request(server)
        .post('/api/v1/auth/login')
        .set('Accept-Language', 'en')
        .send({ username: 'x', password: 'y' })
        .expect(429);
      expect(enRes.body.detail).toMatch(/^Too many requests; try again/);
      for (const res of [viRes, enRes]) expect(JSON.stringify(res.body)).not.toContain('ThrottlerException');
    } finally {
      await limited.close();
    }
  });
});
