import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { mkdirSync, readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PlanImporter } from '../../libs/db/src';
import { GOAL_STATUS_LABELS_VI } from '../../libs/domain/src';
import { QUEUE_NAMES, REPORT_JOBS } from '../../libs/queue/src';
import { readProvinceSummary, ReportGenerator } from '../../libs/status-engine/src';
import { QUANG_NINH_FILE, REPO, validPlanFile } from '../factories/plan-file.factory';
import { runCli } from '../support/run-built';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';

/** Where the test run leaves the reports and their pages as PNG, for a person to look at. */
const OUTPUT = join(REPO, 'test-output', 'reports');
const clock = { now: () => new Date('2023-11-02T03:00:00Z') };
const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');

describe('progress reports from the Quảng Ninh data (PDF and XLSX)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), { fileName: 'qn.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() });
    mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(() => db.drop());

  it('the national 2023 targets: the XLSX numbers are the status engine\'s, the PDF has the heading, 6/9 and the reconciliation, with diacritics', async () => {
    const report = await new ReportGenerator(db.dataSource, clock).generate({
      province: 'QNI', document: 'CDS-2023-QG', period: '2023', asOf: '2023-10-31', formats: ['pdf', 'xlsx'], createdBy: 'jest',
    });
    expect(report.id).not.toBeNull();
    const summary = (await readProvinceSummary(db.dataSource, 'QNI', '2023-10-31'))!;
    const national = summary.documents.find((d) => d.code === 'CDS-2023-QG')!;

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.files.xlsx as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Tổng hợp')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((r) => r[1] === 'Toàn văn bản' && r[2] === 'CDS-2023-QG')!;
    expect(total.slice(3, 5)).toEqual([national.rollup.goals!.met, national.rollup.goals!.total]);
    expect(total.slice(3, 5)).toEqual([5, 9]);
    const claim = rows.find((r) => r[1] === 'Toàn văn bản' && r[2] === 'BÁO CÁO TỰ MÂU THUẪN')!;
    expect(claim.slice(3, 7)).toEqual([6, 9, 5, 9]);
    const goals = workbook.getWorksheet('Mục tiêu')!;
    const goalRows = (goals.getSheetValues().slice(2) as unknown[][]).filter(Boolean);
    expect(goalRows.map((r) => [r[2], r[8]])).toEqual(
      national.goalGroups.flatMap((g) => g.goals.map((x) => [x.code, GOAL_STATUS_LABELS_VI[x.status!]])),
    );

    const pdf = join(OUTPUT, 'qni-national-2023.pdf');
    writeFileSync(pdf, report.files.pdf!);
    const text = pdfText(pdf);
    for (const expected of [
      'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Quảng Ninh, ngày 02 tháng 11 năm 2023', 'BÁO CÁO', 'Năm dữ liệu số quốc gia',
      'Báo cáo ngày 31/10/2023: 6/9 đạt, còn 4 chưa đạt — số liệu tính được 5/9 đạt — đối chiếu: BÁO CÁO TỰ MÂU THUẪN',
      'Báo cáo tự mâu thuẫn: 6 đạt + 4 chưa đạt ≠ 9',
    ]) {
      expect(text).toContain(expected);
    }
    // Every page as a PNG beside the PDF.
    execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(OUTPUT, 'qni-national-2023-page')]);
    const pages = readdirSync(OUTPUT).filter((f) => f.startsWith('qni-national-2023-page') && f.endsWith('.png'));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(pages.length).toBe(Number(/Pages:\s+(\d+)/.exec(info)![1]));
    expect(info).toMatch(/\(A4\)/);
  });

  it('is reproducible: the same data and as-of date give the same checksum, stored with the report', async () => {
    const generator = new ReportGenerator(db.dataSource, clock);
    const request = { province: 'QNI', document: '37/KH-UBND', period: '2023-Q4', formats: ['xlsx' as const], createdBy: 'jest' };
    const a = await generator.generate(request);
    const b = await generator.generate(request);
    expect(a.checksum).toBe(b.checksum);
    expect(a.data.asOf).toBe('2023-11-02');
    const stored = await db.dataSource.query(`SELECT checksum, pdf IS NULL AS no_pdf FROM report WHERE id = ANY($1)`, [[a.id, b.id]]);
    expect(stored).toEqual([{ checksum: a.checksum, no_pdf: true }, { checksum: a.checksum, no_pdf: true }]);
  });

  it('cli report writes the files and prints where', () => {
    const out = join(OUTPUT, 'cli');
    const r = runCli(['report', '--province', 'QNI', '--document', 'CDS-2023-QG', '--period', '2023', '--as-of', '2023-10-31', '--out', out], { DATABASE_URL: db.url });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/bao-cao-QNI-CDS-2023-QG-2023\.pdf\n.*bao-cao-QNI-CDS-2023-QG-2023\.xlsx\nreport \S+ as of 2023-10-31: 5\/9 targets met/);
    expect(pdfText(join(out, 'bao-cao-QNI-CDS-2023-QG-2023.pdf'))).toContain('BÁO CÁO TỰ MÂU THUẪN');
    expect(runCli(['report', '--province', 'QNI', '--document', 'KHONG-CO', '--period', '2023'], { DATABASE_URL: db.url }).status).toBe(2);
    expect(runCli(['report', '--province', 'QNI', '--document', 'CDS-2023-QG', '--period', '2023', '--format', 'docx'], { DATABASE_URL: db.url }).status).not.toBe(0);
  }, 60_000);
});

describe('reports through the API and the worker, and schedules with two workers', () => {
  let db: TestDatabase;
  let workers: INestApplication[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), { fileName: 'qn.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() });
    const env = { RUN_WORKER: 'true', QUEUE_PREFIX: `dx-test-${testRunId()}-rep` };
    workers = [await createTestApp(db, { env }), await createTestApp(db, { env })];
  });
  afterAll(async () => {
    for (const app of workers ?? []) await app.close();
    await db?.drop();
  });

  it('POST /reports queues a job with progress; the report is listed and its files download', async () => {
    const [app] = workers;
    const officer = as(app, (await signIn(app, db, 'officer', 'QNI', 'STTTT')).token);
    const viewer = as(app, (await signIn(app, db, 'viewer', 'QNI')).token);
    await viewer.post('/api/v1/reports').send({ province: 'QNI', document: 'CDS-2023-QG', period: '2023' }).expect(403);
    await officer.post('/api/v1/reports').send({ province: 'QNI', document: 'KHONG', period: '2023' }).expect(404);
    await officer.post('/api/v1/reports').send({ province: 'QNI', document: 'CDS-2023-QG', period: '2023-Q5' }).expect(400);
    const ordered = await officer.post('/api/v1/reports').send({ province: 'QNI', document: 'CDS-2023-QG', period: '2023', asOf: '2023-10-31' }).expect(202);
    const done = await waitFor('the report job', async () => {
      const job = (await officer.get(`/api/v1/jobs/${ordered.body.job.id}`).expect(200)).body;
      return job.state === 'completed' && job.result ? job : null;
    }, 60_000);
    expect(done).toMatchObject({ progress: 100, result: { reportId: expect.any(String) } });
    const list = await viewer.get('/api/v1/reports?province=QNI').expect(200);
    expect(list.body.items[0]).toMatchObject({ id: done.result.reportId, document: 'CDS-2023-QG', period: '2023', asOf: '2023-10-31', formats: ['pdf', 'xlsx'] });
    const pdf = await viewer.get(`/api/v1/reports/${done.result.reportId}/file?format=pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await viewer.get(`/api/v1/reports/${done.result.reportId}/file?format=xlsx`).buffer(true).expect(200);
    expect(xlsx.headers['content-disposition']).toMatch(/bao-cao-QNI-CDS-2023-QG-2023\.xlsx/);
    await viewer.get(`/api/v1/reports/${done.result.reportId}/file?format=doc`).expect(400);

    // A province's own heading goes into its next reports.
    const heading = {
      parentBody: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH', issuer: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', number: 'Số:      /BC-SKHCN', place: 'Hạ Long',
      recipients: ['UBND tỉnh (b/c);', 'Lưu: VT.'], signerTitle: 'KT. GIÁM ĐỐC', signerName: 'Nguyễn Văn A',
    };
    await viewer.put('/api/v1/provinces/QNI/report-heading').send(heading).expect(403);
    expect((await officer.put('/api/v1/provinces/QNI/report-heading').send(heading).expect(200)).body).toMatchObject({ ...heading, custom: true });
    const again = await officer.post('/api/v1/reports').send({ province: 'QNI', document: 'CDS-2023-QG', period: '2023', asOf: '2023-10-31', formats: ['pdf'] }).expect(202);
    const second = await waitFor('the second report', async () => {
      const job = (await officer.get(`/api/v1/jobs/${again.body.job.id}`).expect(200)).body;
      return job.state === 'completed' && job.result ? job : null;
    }, 60_000);
    const file = join(OUTPUT, 'qni-custom-heading.pdf');
    writeFileSync(file, (await viewer.get(`/api/v1/reports/${second.result.reportId}/file?format=pdf`).buffer(true).expect(200)).body);
    const text = pdfText(file);
    expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(text).toContain('Hạ Long, ngày');
    expect(text).toContain('Nguyễn Văn A');
  }, 90_000);

  it('a schedule firing every 2 seconds makes exactly one report per tick with two workers, and stops when deleted', async () => {
    const [app] = workers;
    const officer = as(app, (await signIn(app, db, 'officer', 'QNI', 'STTTT')).token);
    await officer.post('/api/v1/report-schedules').send({ province: 'QNI', document: 'CDS-2023-QG', frequency: 'cron', cron: 'not a cron', formats: ['xlsx'] }).expect(400);
    await officer.post('/api/v1/report-schedules').send({ province: 'QNI', document: 'CDS-2023-QG', frequency: 'monthly', cron: '* * * * *', formats: ['xlsx'] }).expect(400);
    const created = await officer
      .post('/api/v1/report-schedules')
      .send({ province: 'QNI', document: 'CDS-2023-QG', frequency: 'cron', cron: '*/2 * * * * *', formats: ['xlsx'] })
      .expect(201);
    // By its maker: deleting the schedule unlinks its reports (schedule_id is set to null) but keeps them.
    const reports = () => db.dataSource.query(`SELECT tick FROM report WHERE created_by = $1 ORDER BY tick`, [`schedule:${created.body.id}`]) as Promise<{ tick: Date }[]>;
    await waitFor('three scheduled reports', async () => ((await reports()).length >= 3 ? true : null), 30_000);
    await officer.delete(`/api/v1/report-schedules/${created.body.id}`).expect(204);
    await new Promise((r) => setTimeout(r, 2500));
    const made = await reports();
    expect(made.length).toBeGreaterThanOrEqual(3);
    const ticks = made.map((r) => new Date(r.tick).getTime());
    expect(new Set(ticks).size).toBe(ticks.length);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i] - ticks[i - 1]).toBeGreaterThanOrEqual(2000);
    // Each tick reached one worker once: no job found its tick's report already made by the other.
    const queue = app.get<Queue>(getQueueToken(QUEUE_NAMES.reports));
    const jobs = (await queue.getJobs(['completed'])).filter((j) => j.name === REPORT_JOBS.scheduled && j.data.scheduleId === created.body.id);
    expect(jobs.length).toBe(made.length);
    expect(jobs.every((j) => j.returnvalue.duplicate === false)).toBe(true);
    const count = made.length;
    await new Promise((r) => setTimeout(r, 4500));
    expect((await reports()).length).toBe(count);
  }, 90_000);
});
