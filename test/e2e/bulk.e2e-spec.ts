import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PlanImporter } from '@dx/db';
import { addDays } from '@dx/domain';
import { DA_NANG_FILE, validPlanFile } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('POST /api/v1/observations/bulk (JSON, CSV, Excel)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;
  let reporter: ReturnType<typeof as>;
  const count = async (where: string) =>
    (await db.dataSource.query(`SELECT count(*)::int AS n FROM observation WHERE ${where}`))[0].n as number;

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
    reporter = as(app, (await signIn(app, db, 'reporter', 'DNG', 'STTTT')).token);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const row = (period: string, value: unknown, extra: object = {}) => ({
    indicator: 'dvc-toan-trinh',
    org: 'DNG',
    period,
    value,
    ...extra,
  });

  it('all or nothing: one bad row refuses the upload with every row error; partial=true keeps the valid rows', async () => {
    const rows = [
      row('2025-01', '50'),
      row('2025-02', 150),
      row('2025-13', '1'),
      { ...row('2025-03', '1'), colour: 'red' },
      row('2025-04', '60'),
    ];
    const refused = await officer.post('/api/v1/observations/bulk?province=DNG').send({ rows }).expect(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_INPUT', total: 5, rejected: 3 });
    expect(refused.body.errors.map((e: { path: string; line: number }) => `${e.path}@${e.line}`).sort()).toEqual([
      'rows[1].value@2',
      'rows[2].period@3',
      'rows[3].colour@4',
    ]);
    expect(await count(`period LIKE '2025-%'`)).toBe(0);
    const kept = await officer.post('/api/v1/observations/bulk?province=DNG&partial=true').send({ rows }).expect(200);
    expect(kept.body).toMatchObject({ total: 5, accepted: 2, rejected: 3, created: 2, updated: 0, submitted: 0 });
    expect(await count(`period LIKE '2025-%'`)).toBe(2);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE reason = 'observation' AND period LIKE '2025-%'`,
    );
    expect(n).toBe(2);
    const again = await officer
      .post('/api/v1/observations/bulk?province=DNG')
      .send([row('2025-01', '51'), row('2025-04', '60')])
      .expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 2 });
    const dup = await officer
      .post('/api/v1/observations/bulk?province=DNG')
      .set('Accept-Language', 'en')
      .send([row('2025-05', '1'), row('2025-05', '2')])
      .expect(400);
    expect(dup.body.errors[0].messages[0]).toMatch(/same indicator, org unit, period and source as rows\[0\]/);
  });

  it('reads CSV in UTF-8 with a BOM and Vietnamese text, with CSV line numbers in errors', async () => {
    const csv =
      '\uFEFFindicator,province,org,period,value,note\n' +
      'dvc-toan-trinh,DNG,DNG,2026-01,55,"Số liệu từ Cổng DVC, tháng 1"\n' +
      'dvc-toan-trinh,DNG,KHONG-CO,2026-02,56,\n';
    const res = await officer
      .post('/api/v1/observations/bulk')
      .set('Content-Type', 'text/csv')
      .set('Accept-Language', 'en')
      .send(Buffer.from(csv, 'utf8'))
      .expect(400);
    expect(res.body.errors).toEqual([{ path: 'rows[1].org', line: 3, messages: ['no org unit "KHONG-CO" in DNG'] }]);
    await officer.post('/api/v1/observations/bulk?partial=true').set('Content-Type', 'text/csv').send(Buffer.from(csv, 'utf8')).expect(200);
    const [stored] = await db.dataSource.query(`SELECT note, value::text FROM observation WHERE period = '2026-01'`);
    expect(stored).toEqual({ note: 'Số liệu từ Cổng DVC, tháng 1', value: '55' });
    await officer
      .post('/api/v1/observations/bulk')
      .set('Content-Type', 'text/csv')
      .send(Buffer.from([0xff, 0xfe, 0x41]))
      .expect(400);
  });

  it('in Vietnamese (Accept-Language: vi): every refused row, and a summary that names the web control, not the API parameter', async () => {
    const csv =
      'indicator,province,org,period,value\n' +
      'dvc-toan-trinh,DNG,DNG,2030-01,55\n' +
      'dvc-toan-trinh,DNG,KHONG-CO,2030-02,56\n' +
      'dvc-toan-trinh,DNG,DNG,2030-13,1\n' +
      'dvc-toan-trinh,DNG,DNG,2030-03,150\n' +
      'khong-co,DNG,DNG,2030-04,1\n' +
      'dvc-toan-trinh,DNG,DNG,2030-01,57\n';
    const upload = (query: string, lang: string) =>
      officer.post(`/api/v1/observations/bulk${query}`).set('Content-Type', 'text/csv').set('Accept-Language', lang).send(Buffer.from(csv));
    const refused = await upload('', 'vi').expect(400);
    expect(refused.body.detail).toBe(
      '5/6 dòng bị từ chối; chưa ghi gì. Sửa các dòng lỗi rồi tải lên lại, hoặc chọn “Chỉ nhận các dòng hợp lệ” để nhận 1 dòng hợp lệ',
    );
    const byLine = new Map(refused.body.errors.map((e: { line: number; messages: string[] }) => [e.line, e.messages.join('; ')]));
    expect(byLine.get(3)).toBe('tỉnh DNG không có đơn vị "KHONG-CO"');
    expect(byLine.get(4)).toMatch(/kỳ/);
    expect(byLine.get(5)).toMatch(/^150 nằm ngoài khoảng 0\.\.100 của chỉ tiêu /);
    expect(byLine.get(6)).toBe('Chỉ tiêu "khong-co" không được theo dõi ở tỉnh DNG');
    expect(byLine.get(7)).toBe('trùng chỉ tiêu, đơn vị, kỳ và nguồn với dòng 2');
    expect(JSON.stringify(refused.body)).not.toMatch(/partial|rows are refused/);
    expect((await upload('', 'en').expect(400)).body.detail).toBe(
      '5 of 6 rows are refused; nothing was written (send ?partial=true to keep the valid ones)',
    );
    const kept = await upload('?partial=true', 'vi').expect(200);
    expect(kept.body).toMatchObject({ total: 6, accepted: 1, rejected: 5 });
    expect(kept.body.errors).toContainEqual({ path: 'rows[1].org', line: 3, messages: ['tỉnh DNG không có đơn vị "KHONG-CO"'] });
  });

  it('reads the first sheet of an Excel workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Số liệu');
    sheet.addRow(['indicator', 'province', 'org', 'period', 'value', 'source']);
    sheet.addRow(['dvc-toan-trinh', 'DNG', 'DNG', '2027-01', 61.5, 'Cổng DVC']);
    sheet.addRow(['dvc-toan-trinh', 'DNG', 'DNG', '2027-02', { formula: '60+2', result: 62 }, 'Cổng DVC']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await officer
      .post('/api/v1/observations/bulk')
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(bytes)
      .expect(200);
    expect(res.body).toMatchObject({ total: 2, created: 2 });
    const stored = await db.dataSource.query(
      `SELECT period, value::text, source FROM observation WHERE period LIKE '2027-%' ORDER BY period`,
    );
    expect(stored).toEqual([
      { period: '2027-01', value: '61.5', source: 'Cổng DVC' },
      { period: '2027-02', value: '62', source: 'Cổng DVC' },
    ]);
    await officer
      .post('/api/v1/observations/bulk')
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(Buffer.from('not a zip'))
      .expect(400);
    await officer.post('/api/v1/observations/bulk').set('Content-Type', 'text/plain').send('x').expect(415);
  });

  it('refuses a workbook that unpacks to more than 64 MiB or holds too many rows, before exceljs builds it', async () => {
    const xlsx = async (rows: unknown[][]) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Số liệu');
      for (const r of rows) sheet.addRow(r);
      return JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    };
    const send = async (zip: JSZip) =>
      officer
        .post('/api/v1/observations/bulk?province=DNG')
        .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .set('Accept-Language', 'en')
        .send(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    // A zip bomb: 100 MB of spaces in the sheet compress to about 100 kB.
    const bomb = await xlsx([
      ['indicator', 'org', 'period', 'value'],
      ['dvc-toan-trinh', 'DNG', '2029-01', 1],
    ]);
    const sheetXml = await bomb.file('xl/worksheets/sheet1.xml')!.async('string');
    bomb.file('xl/worksheets/sheet1.xml', sheetXml.replace('<sheetData>', `<sheetData>${' '.repeat(100 * 1024 * 1024)}`));
    const refused = await send(bomb);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: 'file', messages: ['the workbook unpacks to more than 64 MiB; an upload holds at most 10000 rows'] },
    ]);
    // 30,000 empty rows are tiny zipped; exceljs would build each of them.
    const flood = await xlsx([
      ['indicator', 'org', 'period', 'value'],
      ['dvc-toan-trinh', 'DNG', '2029-02', 1],
    ]);
    const rows = Array.from({ length: 30_000 }, (_, i) => `<row r="${i + 3}"/>`).join('');
    flood.file(
      'xl/worksheets/sheet1.xml',
      (await flood.file('xl/worksheets/sheet1.xml')!.async('string')).replace('</sheetData>', `${rows}</sheetData>`),
    );
    expect((await send(flood)).body.errors[0].messages[0]).toBe(
      "the workbook's sheets hold more than 20002 rows; an upload holds at most 10000 rows",
    );
    expect(await count(`period LIKE '2029-%'`)).toBe(0);
  }, 60_000);

  it('takes 10,000 rows at once and refuses 10,001', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => row(addDays('2000-01-01', i), String(i % 100)));
    const res = await officer.post('/api/v1/observations/bulk?province=DNG').send({ rows }).expect(200);
    expect(res.body).toMatchObject({ total: 10_000, created: 10_000 });
    expect(await count(`period_kind = 'day' AND import_run_id IS NULL`)).toBe(10_000);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'observation.create' AND after->>'bulk' = 'true'`,
    );
    expect(n).toBeGreaterThanOrEqual(10_000);
    const tooMany = await officer
      .post('/api/v1/observations/bulk?province=DNG')
      .send({ rows: [...rows, row('1999-12-31', '1')] })
      .expect(400);
    expect(tooMany.body.errors[0].path).toBe('rows');
  }, 120_000);

  it("a reporter's rows wait for approval as submissions; Idempotency-Key replays the answer", async () => {
    const rows = [row('2028-01', '70', { org: 'STTTT' }), row('2028-02', '71', { org: 'STTTT' })];
    const first = await reporter.post('/api/v1/observations/bulk?province=DNG').set('Idempotency-Key', 'bulk-1').send({ rows }).expect(200);
    expect(first.body).toMatchObject({ submitted: 2, created: 0 });
    const replay = await reporter
      .post('/api/v1/observations/bulk?province=DNG')
      .set('Idempotency-Key', 'bulk-1')
      .send({ rows })
      .expect(200);
    expect(replay.body).toEqual(first.body);
    expect(await count(`period LIKE '2028-%'`)).toBe(0);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM submission WHERE kind = 'observation' AND payload->>'period' LIKE '2028-%'`,
    );
    expect(n).toBe(2);
    await reporter
      .post('/api/v1/observations/bulk?province=DNG')
      .send({ rows: [row('2028-03', '1', { org: 'SNV' })] })
      .expect(400);
  });
});
