import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { PlanImporter } from '@dx/db';
import { DA_NANG_FILE, QUANG_NINH_FILE, validPlanFile } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const importOptions = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date('2023-11-01T00:00:00Z') };
/** supertest keeps a binary body as a Buffer only with a parser. */
const binary = (res: request.Response, done: (e: Error | null, body: unknown) => void) => {
  // superagent hands the parser the raw response stream.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
const TITLE_T11 = 'Tuyên truyền, phổ biến về chuyển đổi số trên các phương tiện thông tin đại chúng';

describe('audit log: date range and person filters, entity names, XLSX export (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;
  let officerName: string;
  let leader: ReturnType<typeof as>;
  let reporter: ReturnType<typeof as>;
  let taskId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const importer = new PlanImporter(db.dataSource);
    await importer.run(validPlanFile(DA_NANG_FILE), importOptions);
    await importer.run(validPlanFile(QUANG_NINH_FILE), importOptions);
    app = await createTestApp(db);
    const o = await signIn(app, db, 'officer', 'DNG', 'STTTT');
    officer = as(app, o.token);
    officerName = o.username;
    leader = as(app, (await signIn(app, db, 'leader', 'DNG')).token);
    reporter = as(app, (await signIn(app, db, 'reporter', 'DNG', 'STTTT')).token);
    [{ id: taskId }] = await db.dataSource.query(
      `SELECT t.id FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = 'DNG' AND t.code = 'T1.1'`,
    );
    // A task marked done with its evidence, through the API.
    const task = await officer.get(`/api/v1/tasks/${taskId}`).expect(200);
    await officer
      .patch(`/api/v1/tasks/${taskId}`)
      .set('If-Match', task.headers.etag)
      .send({ status: 'done', evidence: { number: '12/BC-STTTT', date: '2023-10-20', issuer: 'Sở Thông tin và Truyền thông' } })
      .expect(200);
    // Entries around midnight in Việt Nam (UTC+7): 23:30 on 10/01/2026 and 00:30 on 11/01/2026 there.
    await db.dataSource.query(
      `INSERT INTO audit_log (at, actor, action, entity_kind, entity_id, province_id, before, after)
       SELECT v.at::timestamptz, v.actor, 'task.update', 'task', $1, p.id, '{"status":"not_started"}', '{"status":"in_progress"}'
         FROM org_unit p, (VALUES ('2026-01-10T16:30:00Z', 'Nguyen_Van_A'), ('2026-01-10T17:30:00Z', 'tran.b')) AS v(at, actor)
        WHERE p.kind = 'province' AND p.code = 'DNG'`,
      [taskId],
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const actors = async (query: string) =>
    (await officer.get(`/api/v1/audit?province=DNG&${query}`).expect(200)).body.items.map((e: { actor: string }) => e.actor);

  it('filters by a date range of days in Việt Nam, both ends included', async () => {
    expect(await actors('from=2026-01-10&to=2026-01-10')).toEqual(['Nguyen_Van_A']);
    expect(await actors('from=2026-01-11&to=2026-01-11')).toEqual(['tran.b']);
    expect(await actors('from=2026-01-10&to=2026-01-11')).toEqual(['tran.b', 'Nguyen_Van_A']);
    expect(await actors('to=2026-01-09')).not.toContain('Nguyen_Van_A');
    expect(await actors('from=2026-01-12&to=2026-01-31')).toEqual([]);
  });

  it('filters by person: part of the account name, any case; % and _ are plain characters', async () => {
    expect(await actors('actor=nguyen')).toEqual(['Nguyen_Van_A']);
    expect(await actors('actor=TRAN.B')).toEqual(['tran.b']);
    expect(await actors('actor=%25')).toEqual([]);
    expect(await actors('actor=n_v')).toEqual(['Nguyen_Van_A']);
    expect(await actors('actor=nxv')).toEqual([]);
    expect(await actors(`actor=${officerName}&entity=task`)).toEqual([officerName]);
  });

  it('names the entity by its code and title and keeps the evidence in the entry', async () => {
    const [entry] = (await officer.get(`/api/v1/audit?province=DNG&actor=${officerName}`).expect(200)).body.items;
    expect(entry).toMatchObject({
      action: 'task.update',
      entityKind: 'task',
      entityLabel: `T1.1 — ${TITLE_T11}`,
      after: { status: 'done', evidence: { number: '12/BC-STTTT', date: '2023-10-20', issuer: 'Sở Thông tin và Truyền thông' } },
    });
  });

  it("names a directive by its target's code and text, a report schedule by its document's code and title", async () => {
    await db.dataSource.query(
      `INSERT INTO audit_log (actor, action, entity_kind, province_id, before, after)
       SELECT 'lanhdao', v.action, v.kind, p.id, NULL, v.after::jsonb FROM org_unit p,
              (VALUES ('directive.create', 'directive', '{"targetCode": "T1", "body": "Đẩy nhanh tuyên truyền"}'),
                      ('report-schedule.delete', 'report_schedule', '{"document": "05-NQ/TU", "frequency": "monthly"}')) AS v(action, kind, after)
        WHERE p.kind = 'province' AND p.code = 'DNG'`,
    );
    const items = (await officer.get('/api/v1/audit?province=DNG&actor=lanhdao').expect(200)).body.items;
    expect(items.map((e: { entityLabel: string }) => e.entityLabel)).toEqual([
      '05-NQ/TU — Về chuyển đổi số thành phố Đà Nẵng đến năm 2025, định hướng đến năm 2030',
      'T1 — Đẩy nhanh tuyên truyền',
    ]);
  });

  it('refuses impossible dates and reversed ranges (400)', async () => {
    for (const query of ['from=2026-02-30', 'to=10/01/2026', 'from=2026-01-11&to=2026-01-10']) {
      const res = await officer.get(`/api/v1/audit?province=DNG&${query}`).expect(400);
      expect(res.body.code).toMatch(/^(INVALID_DATE|VALIDATION_FAILED)$/);
    }
    await officer.get('/api/v1/audit/export?province=DNG&from=2026-13-01').expect(400);
  });

  it('exports the filtered entries as XLSX with Vietnamese headers, actions, entity names and evidence', async () => {
    const res = await leader.get(`/api/v1/audit/export?province=DNG&entity=task`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toMatch(/nhat-ky-DNG\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Nhật ký')!;
    const rows = sheet.getSheetValues().slice(1) as unknown[][];
    const values = rows.map((r) => (r ?? []).slice(1));
    expect(values[1]).toEqual([
      'Thời điểm',
      'Người thực hiện',
      'Hành động',
      'Loại đối tượng',
      'Đối tượng',
      'Thay đổi',
      'Địa chỉ IP',
      'Mã yêu cầu',
    ]);
    const entries = values.slice(2);
    expect(entries.map((r) => r[1])).toEqual(['tran.b', 'Nguyen_Van_A', officerName]);
    expect(entries[0].slice(0, 6)).toEqual([
      '00:30 ngày 11/01/2026',
      'tran.b',
      'Cập nhật nhiệm vụ',
      'nhiệm vụ',
      `T1.1 — ${TITLE_T11}`,
      'trạng thái: chưa bắt đầu → đang thực hiện',
    ]);
    expect(entries[2][5]).toBe(
      'trạng thái: đang thực hiện → hoàn thành; tiến độ: 40 → 100; Số văn bản 12/BC-STTTT, ngày 20/10/2023, cơ quan ban hành Sở Thông tin và Truyền thông',
    );
    const ranged = await officer
      .get('/api/v1/audit/export?province=DNG&from=2026-01-11&to=2026-01-11')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(ranged.headers['content-disposition']).toMatch(/nhat-ky-DNG-2026-01-11_2026-01-11\.xlsx/);
    const one = new ExcelJS.Workbook();
    await one.xlsx.load(ranged.body as unknown as ArrayBuffer);
    expect(one.getWorksheet('Nhật ký')!.rowCount).toBe(3);
  });

  it('is exported for officers, leaders and admins of the province only', async () => {
    await reporter.get('/api/v1/audit/export?province=DNG').expect(403);
    const qni = as(app, (await signIn(app, db, 'officer', 'QNI', 'STTTT')).token);
    await qni.get('/api/v1/audit/export?province=DNG').expect(403);
  });
});
