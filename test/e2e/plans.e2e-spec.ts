import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'fs';
import { join } from 'path';
import { DA_NANG_FILE, QUANG_NINH_FILE, REPO, smallPlanText } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, snapshot, TestDatabase } from '../support/test-database';

const INVALID = join(REPO, 'test/fixtures/plans/invalid');
const cases: { file: string; errors: { path: string; line: number }[] }[] = JSON.parse(readFileSync(join(INVALID, 'cases.json'), 'utf8'));

describe('plan files through the API', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: ReturnType<typeof as>;
  const yaml = (r: ReturnType<ReturnType<typeof as>['post']>, bytes: Buffer | string) =>
    r.set('Content-Type', 'application/yaml').send(Buffer.from(bytes));

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db);
    admin = as(app, (await signIn(app, db, 'admin')).token);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it.each(cases.slice(0, 12).map((c) => [c.file, c]))('%s: every expected error with its line, nothing written', async (_, c) => {
    const bytes = readFileSync(join(INVALID, c.file));
    const checked = await yaml(admin.post('/api/v1/plans/validate'), bytes).expect(200);
    expect(checked.body.valid).toBe(false);
    for (const e of c.errors)
      expect(checked.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: e.path, line: e.line })]));
    const before = await snapshot(db.dataSource);
    const refused = await yaml(admin.post('/api/v1/plans/import'), bytes).expect(422);
    expect(refused.body).toMatchObject({ code: 'PLAN_FILE_INVALID' });
    expect(refused.body.errors[0]).toHaveProperty('line');
    expect(await snapshot(db.dataSource)).toEqual(before);
  });

  it('errors and warnings in Vietnamese under Accept-Language: vi, in English under en', async () => {
    const bytes = readFileSync(join(INVALID, '11-bad-enum-status-op.yaml'));
    const status = { path: 'documents[0].task_groups[0].tasks[0].status', line: 41 };
    const vi = await yaml(admin.post('/api/v1/plans/validate'), bytes).set('Accept-Language', 'vi').expect(200);
    expect(vi.body.errors).toContainEqual({
      ...status,
      message:
        'trạng thái "finished" không hợp lệ; chọn một trong: chưa bắt đầu (not_started), đang thực hiện (in_progress), hoàn thành (done), đã hủy (cancelled)',
    });
    expect(vi.body.warnings).toContainEqual(expect.objectContaining({ message: 'có reported_as_of nhưng thiếu reported_status' }));
    const en = await yaml(admin.post('/api/v1/plans/validate'), bytes).set('Accept-Language', 'en').expect(200);
    expect(en.body.errors).toContainEqual({ ...status, message: '"finished" is not one of not_started | in_progress | done | cancelled' });
    const refusedVi = await yaml(admin.post('/api/v1/plans/import'), bytes).set('Accept-Language', 'vi-VN,vi;q=0.9').expect(422);
    expect(refusedVi.body.errors).toContainEqual({ ...status, messages: [expect.stringMatching(/^trạng thái "finished" không hợp lệ; /)] });
    expect(refusedVi.body.warnings).toContainEqual(expect.objectContaining({ message: 'có reported_as_of nhưng thiếu reported_status' }));
    const refusedEn = await yaml(admin.post('/api/v1/plans/import'), bytes).set('Accept-Language', 'en').expect(422);
    expect(refusedEn.body.errors).toContainEqual({
      ...status,
      messages: ['"finished" is not one of not_started | in_progress | done | cancelled'],
    });
  });

  it('imports a valid file (dry run first), then the same file changes nothing; officers import only their own province', async () => {
    const qni = readFileSync(QUANG_NINH_FILE);
    const checked = await yaml(admin.post('/api/v1/plans/validate'), qni).expect(200);
    expect(checked.body).toMatchObject({ valid: true, province: 'QNI', counts: { documents: 3 } });
    const dry = await yaml(admin.post('/api/v1/plans/import?dry_run=true&file=quang-ninh.yaml'), qni).expect(200);
    expect(dry.body.provinceCode).toBe('QNI');
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM document`))[0].n).toBe(0);
    await yaml(admin.post('/api/v1/plans/import?file=quang-ninh.yaml'), qni).expect(200);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM document`))[0].n).toBe(3);
    const again = await yaml(admin.post('/api/v1/plans/import'), qni).expect(200);
    expect(JSON.stringify(again.body)).not.toMatch(/"created":[1-9]/);

    const officer = as(app, (await signIn(app, db, 'officer', 'QNI', 'STTTT')).token);
    await yaml(officer.post('/api/v1/plans/import'), qni).expect(200);
    await yaml(officer.post('/api/v1/plans/import'), readFileSync(DA_NANG_FILE)).expect(403);
    await yaml(officer.post('/api/v1/plans/import'), smallPlanText('TNEW')).expect(403);
    await officer.post('/api/v1/plans/import').set('Content-Type', 'text/plain').send('x').expect(415);
    await officer.post('/api/v1/plans/validate').set('Content-Type', 'application/yaml').send('').expect(400);
  });

  it("an officer's check of another province's file is refused (403, the reason in Vietnamese), as its import is", async () => {
    // Quảng Ninh's plan (and its agencies) is in (imported again when the test runs alone: the same file changes nothing).
    await yaml(admin.post('/api/v1/plans/import'), readFileSync(QUANG_NINH_FILE)).expect(200);
    const officer = as(app, (await signIn(app, db, 'officer', 'QNI', 'STTTT')).token);
    const qni = await yaml(officer.post('/api/v1/plans/validate'), readFileSync(QUANG_NINH_FILE)).expect(200);
    expect(qni.body).toMatchObject({ valid: true, province: 'QNI' });
    const refused = await yaml(officer.post('/api/v1/plans/validate').set('Accept-Language', 'vi'), readFileSync(DA_NANG_FILE)).expect(403);
    expect(refused.body).toMatchObject({
      code: 'ACCESS_DENIED',
      detail: 'Tệp kế hoạch này thuộc tỉnh DNG; cán bộ chỉ được nhập kế hoạch của tỉnh mình',
    });
    const english = await yaml(officer.post('/api/v1/plans/validate').set('Accept-Language', 'en'), smallPlanText('TNEW')).expect(403);
    expect(english.body.detail).toBe('no right to import the plan of TNEW');
    // An admin checks any province's file.
    await yaml(admin.post('/api/v1/plans/validate'), readFileSync(DA_NANG_FILE)).expect(200);
  });
});
