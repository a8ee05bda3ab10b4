import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { PlanImporter } from '@dx/db';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** A plan with a % ratio, a count of procedures and an amount, so that every reading of `1.034` is exercised. */
const PLAN = smallPlanText('VNI').replace(
  'indicators:\n',
  `indicators:
  - code: so-thu-tuc
    name: Số thủ tục hành chính được số hóa
    unit: thủ tục
    kind: count
    direction: up
  - code: von-dau-tu
    name: Vốn đầu tư cho chuyển đổi số
    unit: tỷ đồng
    kind: amount
    direction: up
`,
);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** supertest: the body as bytes, whatever its type. */
const bytesOf = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const binary = bytesOf as unknown as Parameters<request.Test['parse']>[0];

describe('Numbers, files and periods as Vietnamese write them', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;
  const stored = async (indicator: string, period: string) =>
    (
      await db.dataSource.query(
        `SELECT o.value::text AS value FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.code = $1 AND o.period = $2`,
        [indicator, period],
      )
    ).map((r: { value: string }) => r.value);

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(PLAN), {
      fileName: 'vni.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    app = await createTestApp(db);
    officer = as(app, (await signIn(app, db, 'officer', 'VNI', 'STTTT')).token);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const record = (indicator: string, period: string, value: unknown) =>
    officer.post('/api/v1/observations').set('Accept-Language', 'vi').send({ indicator, province: 'VNI', period, value });

  it('"value": "96,5" stores 96.5; 99,2% and a plain 96.5 too', async () => {
    await record('dvc-toan-trinh', '2024-01', '96,5').expect(201);
    expect(await stored('dvc-toan-trinh', '2024-01')).toEqual(['96.5']);
    await record('dvc-toan-trinh', '2024-02', '99,2%').expect(201);
    expect(await stored('dvc-toan-trinh', '2024-02')).toEqual(['99.2']);
    await record('dvc-toan-trinh', '2024-03', '96.5').expect(201);
    await record('dvc-toan-trinh', '2024-04', 96.5).expect(201);
    expect([...(await stored('dvc-toan-trinh', '2024-03')), ...(await stored('dvc-toan-trinh', '2024-04'))]).toEqual(['96.5', '96.5']);
  });

  it('1.034 is decided by the indicator: 1034 procedures, 1.034 %, refused for an amount naming the field', async () => {
    await record('so-thu-tuc', '2024', '1.034').expect(201);
    expect(await stored('so-thu-tuc', '2024')).toEqual(['1034']);
    await record('dvc-toan-trinh', '2024-05', '1.034').expect(201);
    expect(await stored('dvc-toan-trinh', '2024-05')).toEqual(['1.034']);
    await record('so-thu-tuc', '2023', 1.5).expect(201);
    expect(await stored('so-thu-tuc', '2023')).toEqual(['1.5']);
    const refused = await record('von-dau-tu', '2024', '1.034').expect(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['value']);
    expect(JSON.stringify(refused.body.errors)).toContain('không rõ \\"1.034\\" là 1034 hay 1,034');
    expect(await stored('von-dau-tu', '2024')).toEqual([]);
    await record('von-dau-tu', '2024', '1.034,5').expect(201);
    expect(await stored('von-dau-tu', '2024')).toEqual(['1034.5']);
    const notANumber = await record('von-dau-tu', '2025', 'mười').expect(400);
    expect(notANumber.body.errors[0].path).toBe('value');
  });

  it('"Quý 3/2024" is read as 2024-Q3, in a body and in a query; 2023-13 is refused', async () => {
    await record('dvc-toan-trinh', 'Quý 3/2024', '88,5').expect(201);
    await record('dvc-toan-trinh', '6 tháng đầu năm 2024'.normalize('NFD'), '70').expect(201);
    await record('so-thu-tuc', 'Tháng 10/2023', '12').expect(201);
    expect(await stored('dvc-toan-trinh', '2024-Q3')).toEqual(['88.5']);
    expect(await stored('dvc-toan-trinh', '2024-H1')).toEqual(['70']);
    expect(await stored('so-thu-tuc', '2023-10')).toEqual(['12']);
    const listed = await officer.get(`/api/v1/observations?province=VNI&period=${encodeURIComponent('Quý III/2024')}`).expect(200);
    expect(listed.body.items.map((o: { period: string; value: string }) => [o.period, o.value])).toEqual([['2024-Q3', '88.5']]);
    await record('dvc-toan-trinh', '2023-13', '1').expect(400);
    await officer.get('/api/v1/observations?province=VNI&period=2023-13').expect(400);
    await record('dvc-toan-trinh', 'Quý 5/2024', '1').expect(400);
  });

  it('uploads a CSV saved by Excel set to Vietnamese (BOM, ";", CRLF, decimal comma) and a plain CSV', async () => {
    const excelVi =
      '\uFEFFMã chỉ tiêu;Tên chỉ tiêu;Tỉnh;Kỳ;Giá trị;Ghi chú\r\n' +
      'dvc-toan-trinh;Tỷ lệ dịch vụ công trực tuyến toàn trình;VNI;Quý 4/2024;99,4;Số liệu quý IV; đã rà soát\r\n' +
      'so-thu-tuc;Số thủ tục hành chính được số hóa;VNI;Năm 2025;1.034;\r\n';
    const res = await officer.post('/api/v1/observations/bulk').set('Content-Type', 'text/csv').send(Buffer.from(excelVi, 'utf8'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    const fixed = excelVi.replace('Số liệu quý IV; đã rà soát', '"Số liệu quý IV; đã rà soát"');
    const ok = await officer.post('/api/v1/observations/bulk').set('Content-Type', 'text/csv').send(Buffer.from(fixed, 'utf8')).expect(200);
    expect(ok.body).toMatchObject({ total: 2, accepted: 2, created: 2 });
    expect(await stored('dvc-toan-trinh', '2024-Q4')).toEqual(['99.4']);
    expect(await stored('so-thu-tuc', '2025')).toEqual(['1034']);
    const plain = 'indicator,province,period,value\n' + 'dvc-toan-trinh,VNI,2025-01,97.25\n' + 'dvc-toan-trinh,VNI,Tháng 2/2025,"97,5"\n';
    await officer.post('/api/v1/observations/bulk').set('Content-Type', 'text/csv').send(Buffer.from(plain, 'utf8')).expect(200);
    expect(await stored('dvc-toan-trinh', '2025-01')).toEqual(['97.25']);
    expect(await stored('dvc-toan-trinh', '2025-02')).toEqual(['97.5']);
  });

  it('an ambiguous number in an upload is refused with its row, line and field', async () => {
    const csv = '\uFEFFindicator;province;period;value\r\nvon-dau-tu;VNI;2026;1.034\r\n';
    const post = (lang: string) =>
      officer.post('/api/v1/observations/bulk').set('Accept-Language', lang).set('Content-Type', 'text/csv').send(Buffer.from(csv, 'utf8'));
    const vi = await post('vi').expect(400);
    expect(vi.body.errors).toEqual([
      { path: 'rows[0].value', line: 2, messages: [expect.stringContaining('không rõ "1.034" là 1034 hay 1,034')] },
    ]);
    const en = await post('en').expect(400);
    expect(en.body.errors[0].messages).toEqual([expect.stringContaining('"1.034" could be 1034 or 1.034')]);
  });

  it('an Excel number cell is exact: 1.034 in a cell is 1.034, not a thousand', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Số liệu');
    sheet.addRow(['Mã chỉ tiêu', 'Tỉnh', 'Kỳ', 'Giá trị']);
    sheet.addRow(['von-dau-tu', 'VNI', '2027', 1.034]);
    sheet.addRow(['so-thu-tuc', 'VNI', '2027', '1.034']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await officer.post('/api/v1/observations/bulk').set('Content-Type', XLSX).send(bytes).expect(200);
    expect(await stored('von-dau-tu', '2027')).toEqual(['1.034']);
    expect(await stored('so-thu-tuc', '2027')).toEqual(['1034']);
  });

  it("downloads a CSV and an XLSX template of the province's indicators that upload as they are once filled in", async () => {
    const csv = await officer.get('/api/v1/provinces/VNI/observation-template.csv').buffer(true).parse(binary).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="mau-so-lieu-VNI.csv"');
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFFMã chỉ tiêu;Tên chỉ tiêu;Đơn vị tính;Tỉnh;Mã đơn vị;Kỳ;Giá trị;')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(5);
    expect(
      lines
        .slice(2)
        .map((l) => l.split(';')[0])
        .sort(),
    ).toEqual(['dvc-toan-trinh', 'so-thu-tuc', 'von-dau-tu']);
    expect(lines[1].split(';')[0]).toBe(lines[2].split(';')[0]);
    const example = lines[1].split(';');
    expect(example.slice(3, 7)).toEqual(['VNI', 'VNI', expect.stringMatching(/^Quý (I|II|III|IV)\/\d{4}$/), expect.any(String)]);
    const filled = [lines[0], lines[1], ...lines.slice(2).map((l) => l.replace(';VNI;VNI;;;', ';VNI;VNI;Năm 2021;5;'))].join('\r\n');
    const up = await officer
      .post('/api/v1/observations/bulk')
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(`\uFEFF${filled.replace(/^\uFEFF/, '')}\r\n`, 'utf8'));
    expect(up.body).toMatchObject({ total: 4, accepted: 4 });
    expect(await stored('von-dau-tu', '2021')).toEqual(['5']);

    const xlsx = await officer.get('/api/v1/provinces/VNI/observation-template.xlsx').buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Số liệu');
    expect(sheet.getRow(1).getCell(1).value).toBe('Mã chỉ tiêu');
    expect(sheet.actualRowCount).toBe(5);
    for (let r = 3; r <= 5; r++) {
      sheet.getRow(r).getCell(6).value = 'Năm 2020';
      sheet.getRow(r).getCell(7).value = 7;
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const upX = await officer.post('/api/v1/observations/bulk').set('Content-Type', XLSX).send(bytes).expect(200);
    expect(upX.body).toMatchObject({ total: 4, accepted: 4 });
    expect(await stored('so-thu-tuc', '2020')).toEqual(['7']);
    await officer.get('/api/v1/provinces/KHONG/observation-template.csv').expect(404);
  });
});
