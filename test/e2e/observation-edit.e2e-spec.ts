import { INestApplication } from '@nestjs/common';
import { PlanImporter } from '@dx/db';
import { DA_NANG_FILE, QUANG_NINH_FILE, validPlanFile } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const importOptions = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date('2023-11-01T00:00:00Z') };

describe('KPI values: list, correct (PATCH) and remove (DELETE) one (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;
  let reporter: ReturnType<typeof as>;
  let reporterName: string;
  let otherReporter: ReturnType<typeof as>;
  let viewer: ReturnType<typeof as>;
  let qniOfficer: ReturnType<typeof as>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const importer = new PlanImporter(db.dataSource);
    await importer.run(validPlanFile(DA_NANG_FILE), importOptions);
    await importer.run(validPlanFile(QUANG_NINH_FILE), importOptions);
    app = await createTestApp(db);
    officer = as(app, (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token);
    const r = await signIn(app, db, 'reporter', 'DNG', 'STTTT');
    reporter = as(app, r.token);
    reporterName = r.username;
    otherReporter = as(app, (await signIn(app, db, 'reporter', 'DNG', 'STTTT')).token);
    viewer = as(app, (await signIn(app, db, 'viewer', 'DNG')).token);
    qniOfficer = as(app, (await signIn(app, db, 'officer', 'QNI', 'STTTT')).token);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** The listed value of an indicator and period (DNG). */
  const listed = async (indicator: string, period: string) =>
    (await officer.get(`/api/v1/observations?province=DNG&indicator=${indicator}&period=${period}`).expect(200)).body.items[0];

  it('lists values with the indicator name and unit, who entered them and when, filtered, paged and sorted', async () => {
    const all = (await officer.get('/api/v1/observations?province=DNG&sort=indicator&pageSize=3').expect(200)).body;
    expect(all.total).toBe(7);
    expect(all.items.map((o: { indicator: string }) => o.indicator)).toEqual(['dti-diem', 'dti-hang', 'dti-hang']);
    expect(all.items[1]).toMatchObject({ period: '2023', indicatorName: 'Xếp hạng chỉ số chuyển đổi số cấp tỉnh (DTI)', unit: 'hạng' });
    const one = await listed('dvc-toan-trinh', '2023-10');
    expect(one).toMatchObject({
      indicator: 'dvc-toan-trinh',
      indicatorName: 'Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình',
      unit: '%',
      org: 'DNG',
      value: '85.2',
      source: 'bao-cao-so-tttt-thang-10-2023.txt',
      enteredBy: expect.any(String),
      version: 1,
    });
    expect(Number.isNaN(Date.parse(one.enteredAt))).toBe(false);
    const byOrg = (await officer.get('/api/v1/observations?province=DNG&org=Q-HAI-CHAU').expect(200)).body;
    expect(byOrg.items.map((o: { indicator: string }) => o.indicator)).toEqual(['ho-so-truc-tuyen']);
    const page2 = (await officer.get('/api/v1/observations?province=DNG&sort=indicator&pageSize=3&page=2').expect(200)).body;
    expect(page2.items.map((o: { indicator: string }) => o.indicator)).toEqual(['dvc-toan-trinh', 'dvc-toan-trinh', 'ho-so-truc-tuyen']);
    await officer.get('/api/v1/observations?province=DNG&sort=value').expect(400);
    await qniOfficer.get('/api/v1/observations?province=DNG').expect(403);
  });

  it('reads one value with its version as ETag; 404 unknown, 403 from another province', async () => {
    const listedOne = await listed('dvc-toan-trinh', '2023-10');
    const one = await viewer.get(`/api/v1/observations/${listedOne.id}`).expect(200);
    expect(one.headers.etag).toBe(`"${listedOne.version}"`);
    expect(one.body).toEqual(listedOne);
    await viewer.get('/api/v1/observations/00000000-0000-4000-8000-000000000000').expect(404);
    await qniOfficer.get(`/api/v1/observations/${listedOne.id}`).expect(403);
  });

  it('an officer corrects a value with If-Match: new version and ETag, audit entry with before and after, outbox row', async () => {
    const before = await listed('nen-tang-so', '2023-10-31');
    const res = await officer
      .patch(`/api/v1/observations/${before.id}`)
      .set('If-Match', `"${before.version}"`)
      .send({ value: '9', note: 'Sửa theo báo cáo tháng 11' })
      .expect(200);
    expect(res.headers.etag).toBe(`"${before.version + 1}"`);
    expect(res.body).toMatchObject({ id: before.id, value: '9', note: 'Sửa theo báo cáo tháng 11', version: before.version + 1 });
    expect(res.body.enteredBy).toMatch(/^officer-/);
    const [audit] = (await officer.get(`/api/v1/audit?province=DNG&entity=observation&id=${before.id}`).expect(200)).body.items;
    expect(audit).toMatchObject({ action: 'observation.correct', before: { value: '8' }, after: { value: '9' } });
    expect(audit.entityLabel).toBe('nen-tang-so — Số nền tảng số dùng chung được đưa vào vận hành · DNG · 31/10/2023');
    const [outbox] = await db.dataSource.query(
      `SELECT reason, period FROM outbox WHERE reason = 'observation' AND period = '2023-10-31' ORDER BY id DESC LIMIT 1`,
    );
    expect(outbox).toEqual({ reason: 'observation', period: '2023-10-31' });
  });

  it('reads the corrected figure as Vietnamese write it (96,5), and refuses text that is no number with the field named', async () => {
    const before = await listed('dvc-toan-trinh', '2023-Q3');
    expect(before).toMatchObject({ value: null, numerator: '812', denominator: '1000' });
    const res = await officer
      .patch(`/api/v1/observations/${before.id}`)
      .set('If-Match', `"${before.version}"`)
      .send({ value: '81,5', numerator: null, denominator: null })
      .expect(200);
    expect(res.body).toMatchObject({ value: '81.5', numerator: null, denominator: null, version: before.version + 1 });
    const unread = await officer
      .patch(`/api/v1/observations/${before.id}`)
      .set('If-Match', `"${before.version + 1}"`)
      .send({ value: '8,1,5' })
      .expect(400);
    expect(unread.body.errors.map((e: { path: string }) => e.path)).toEqual(['value']);
  });

  it('needs If-Match (428); a stale version is 409 with the current value; unknown ids 404; bad bodies 400', async () => {
    const current = await listed('ho-so-truc-tuyen', '2023-H1');
    await officer.patch(`/api/v1/observations/${current.id}`).send({ value: '63' }).expect(428);
    await officer.delete(`/api/v1/observations/${current.id}`).expect(428);
    await officer.delete(`/api/v1/observations/${current.id}`).set('If-Match', 'not-a-version').expect(400);
    const stale = await officer
      .patch(`/api/v1/observations/${current.id}`)
      .set('If-Match', `"${current.version + 5}"`)
      .send({ value: '63' })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: current.id, value: '62.5' } });
    await officer.delete(`/api/v1/observations/${current.id}`).set('If-Match', '"99"').expect(409);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await officer.patch(`/api/v1/observations/${missing}`).set('If-Match', '"1"').send({ value: '1' }).expect(404)).body.code).toBe(
      'OBSERVATION_NOT_FOUND',
    );
    await officer.delete(`/api/v1/observations/${missing}`).set('If-Match', '"1"').expect(404);
    await officer.patch('/api/v1/observations/not-a-uuid').set('If-Match', '"1"').send({ value: '1' }).expect(400);
    const bad = await officer
      .patch(`/api/v1/observations/${current.id}`)
      .set('If-Match', `"${current.version}"`)
      .send({ value: 'abc', period: '2024' })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['period', 'value']);
    const range = await officer
      .patch(`/api/v1/observations/${current.id}`)
      .set('If-Match', `"${current.version}"`)
      .send({ value: '150' })
      .expect(400);
    expect(range.body.errors[0].path).toBe('value');
    expect((await listed('ho-so-truc-tuyen', '2023-H1')).version).toBe(current.version);
  });

  it("viewers, other provinces and reporters change nothing they did not enter; a reporter's own correction waits for approval", async () => {
    const value = await listed('dvc-toan-trinh', '2023-10');
    const send = (who: ReturnType<typeof as>) =>
      who.patch(`/api/v1/observations/${value.id}`).set('If-Match', `"${value.version}"`).send({ value: '85.3' });
    expect((await send(viewer)).status).toBe(403);
    expect((await send(qniOfficer)).status).toBe(403);
    expect((await send(reporter)).status).toBe(403);
    await reporter.delete(`/api/v1/observations/${value.id}`).set('If-Match', `"${value.version}"`).expect(403);
    // The reporter's own value (the province trusts its reporters while it is entered).
    await officer.put('/api/v1/provinces/DNG/settings').send({ trustReporters: true }).expect(200);
    const own = await reporter
      .post('/api/v1/observations')
      .send({ indicator: 'ho-so-truc-tuyen', province: 'DNG', org: 'STTTT', period: '2024-Q1', value: '40' })
      .expect(201);
    expect(own.body.observation.enteredBy).toBe(reporterName);
    const id = own.body.observation.id;
    await otherReporter.patch(`/api/v1/observations/${id}`).set('If-Match', '"1"').send({ value: '41' }).expect(403);
    await officer.put('/api/v1/provinces/DNG/settings').send({ trustReporters: false }).expect(200);
    const waiting = await reporter.patch(`/api/v1/observations/${id}`).set('If-Match', '"1"').send({ value: '41' }).expect(202);
    expect(waiting.body.submission).toMatchObject({
      kind: 'observation',
      payload: { indicator: 'ho-so-truc-tuyen', period: '2024-Q1', value: '41' },
    });
    expect((await listed('ho-so-truc-tuyen', '2024-Q1')).value).toBe('40');
    await reporter.delete(`/api/v1/observations/${id}`).set('If-Match', '"1"').expect(403);
    await officer.put('/api/v1/provinces/DNG/settings').send({ trustReporters: true }).expect(200);
    await reporter.delete(`/api/v1/observations/${id}`).set('If-Match', '"1"').expect(204);
    await officer.put('/api/v1/provinces/DNG/settings').send({ trustReporters: false }).expect(200);
  });

  it('an officer removes a value (204): gone from the list, audited with the value as it was', async () => {
    const value = await listed('dti-diem', '2023');
    await officer.delete(`/api/v1/observations/${value.id}`).set('If-Match', `"${value.version}"`).expect(204);
    expect(await listed('dti-diem', '2023')).toBeUndefined();
    await officer.delete(`/api/v1/observations/${value.id}`).set('If-Match', `"${value.version}"`).expect(404);
    const [audit] = (await officer.get(`/api/v1/audit?province=DNG&entity=observation&id=${value.id}`).expect(200)).body.items;
    expect(audit).toMatchObject({ action: 'observation.delete', before: { value: '0.55', indicator: 'dti-diem' }, after: null });
    expect(audit.entityLabel).toMatch(/^dti-diem — Điểm chỉ số chuyển đổi số cấp tỉnh \(DTI\) · DNG · Năm 2023$/);
  });
});
