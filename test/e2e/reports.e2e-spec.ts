import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { mkdirSync, readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PlanImporter } from '@dx/db';
import { GOAL_STATUS_LABELS_VI } from '@dx/domain';
import { QUEUE_NAMES, readReportDti, REPORT_JOBS, ReportGenerator, reportSchedulerId } from '@dx/jobs';
import { readProvinceSummary } from '@dx/status-engine';
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
/** A sheet's rows from the first, an empty row as []. */
const rowsOf = (sheet: ExcelJS.Worksheet) =>
  Array.from({ length: sheet.rowCount }, (_, i) => ((sheet.getSheetValues()[i + 1] as unknown[] | undefined) ?? []).slice(1));
/** The rows under the header row whose first cell is `title`, up to the next empty row. */
const block = (rows: unknown[][], title: string) => {
  const start = rows.findIndex((r) => r[0] === title) + 1;
  const end = rows.findIndex((r, i) => i >= start && r.length === 0);
  return rows.slice(start, end < 0 ? undefined : end);
};

describe('progress reports from the Quảng Ninh data (PDF and XLSX)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), {
      fileName: 'qn.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    // data/dti (frameworks and tables) as an operator imports it, with the built CLI.
    const dti = runCli(['dti', 'import', join(REPO, 'data/dti')], { DATABASE_URL: db.url });
    if (dti.status !== 0) throw new Error(`dti import data/dti: ${dti.stderr}`);
    mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(() => db.drop());

  it("the national 2023 targets: the XLSX numbers are the status engine's, the PDF has the heading, 6/9 and the reconciliation, with diacritics", async () => {
    const report = await new ReportGenerator(db.dataSource, clock).generate({
      province: 'QNI',
      document: 'CDS-2023-QG',
      period: '2023',
      asOf: '2023-10-31',
      formats: ['pdf', 'xlsx'],
      createdBy: 'jest',
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
      'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Quảng Ninh, ngày 02 tháng 11 năm 2023',
      'BÁO CÁO',
      'Năm dữ liệu số quốc gia',
      'Báo cáo ngày 31/10/2023: 6/9 đạt, còn 4 chưa đạt — số liệu tính được 5/9 đạt — đối chiếu: BÁO CÁO TỰ MÂU THUẪN',
      'Báo cáo tự mâu thuẫn: 6 đạt + 4 chưa đạt ≠ 9',
    ]) {
      expect(text).toContain(expected);
    }
    // The DTI: the 2022 table (the latest up to 2023), with Quảng Ninh's change since 2021 and its neighbours.
    const dti = rowsOf(workbook.getWorksheet('DTI')!);
    expect(dti[0]).toEqual(['Chỉ số chuyển đổi số (DTI)']);
    expect(block(dti, 'Năm')[0]).toEqual([2022, 0.7024, 3, 63, 0.2052, 4, 'có']);
    expect(block(dti, 'Trụ cột')).toEqual([
      ['Chính quyền số', 0.7804, 4],
      ['Kinh tế số', 0.7187, 9],
      ['Xã hội số', 0.6864, 2],
    ]);
    expect(block(dti, 'Chỉ số chính')).toEqual([
      ['Thể chế số', undefined, 1],
      ['Hạ tầng số', undefined, 4],
      ['Hoạt động chính quyền số', undefined, 3],
      ['Hoạt động xã hội số', undefined, 2],
    ]);
    // Only Quảng Ninh's plan is loaded here: the others are not matched to a province code.
    expect(block(dti, 'Xếp hạng gần nhau')).toEqual([
      [1, 'Đà Nẵng', 0.8002],
      [2, 'TP. Hồ Chí Minh', 0.7163],
      [3, 'Quảng Ninh', 0.7024, 'QNI'],
    ]);
    expect(block(dti, 'Các năm')).toEqual([
      [2021, 0.4972, 7, 63],
      [2022, 0.7024, 3, 63],
    ]);
    expect(report.data.dti).toMatchObject({
      year: 2022,
      score: '0.7024',
      rank: 3,
      rankGiven: true,
      total: 63,
      scoreChange: '0.2052',
      rankChange: 4,
    });
    for (const expected of [
      'VI. CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI)',
      'Năm 2022: 0,7024 điểm, xếp hạng 3/63 — so với năm 2021: tăng 4 bậc, +0,2052 điểm.',
      'Chính quyền số 0,7804 4 Kinh tế số 0,7187 9 Xã hội số 0,6864 2',
      'Thể chế số — 1 Hạ tầng số — 4 Hoạt động chính quyền số — 3 Hoạt động xã hội số — 2',
      'Các tỉnh, thành phố xếp hạng gần Quảng Ninh năm 2022',
      '1 Đà Nẵng 0,8002 2 TP. Hồ Chí Minh 0,7163 3 Quảng Ninh 0,7024',
      'Các năm: 2021: 0,4972 điểm, hạng 7/63; 2022: 0,7024 điểm, hạng 3/63.',
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

  it('the DTI section takes the latest table up to the as-of year, and none before the first', async () => {
    const [{ id }] = await db.dataSource.query(`SELECT id FROM org_unit WHERE code = 'QNI'`);
    expect(await readReportDti(db.dataSource, id, 2023)).toMatchObject({ year: 2022, rank: 3 });
    const first = (await readReportDti(db.dataSource, id, 2021))!;
    expect(first).toMatchObject({
      year: 2021,
      score: '0.4972',
      rank: 7,
      rankChange: null,
      scoreChange: null,
      history: [{ year: 2021, rank: 7 }],
    });
    // 2021's table holds Đà Nẵng (1st) and Quảng Ninh (7th): nobody within two places.
    expect(first.peers.map((p) => [p.rank, p.name, p.self])).toEqual([[7, 'Quảng Ninh', true]]);
    expect(await readReportDti(db.dataSource, id, 2020)).toBeNull();

    const report = await new ReportGenerator(db.dataSource, clock).generate({
      province: 'QNI',
      document: 'CDS-2023-QG',
      period: '2020',
      formats: ['pdf', 'xlsx'],
      createdBy: 'jest',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.files.xlsx as unknown as ArrayBuffer);
    expect(rowsOf(workbook.getWorksheet('DTI')!)).toEqual([['Chỉ số chuyển đổi số (DTI)'], ['Quảng Ninh', 'QNI'], ['Chưa có dữ liệu DTI']]);
    const pdf = join(OUTPUT, 'qni-national-2020.pdf');
    writeFileSync(pdf, report.files.pdf!);
    expect(pdfText(pdf)).toContain('VI. CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI) Chưa có dữ liệu DTI.');
  });

  it('is reproducible: the same data and as-of date give the same checksum, stored with the report', async () => {
    const generator = new ReportGenerator(db.dataSource, clock);
    const request = { province: 'QNI', document: '37/KH-UBND', period: '2023-Q4', formats: ['xlsx' as const], createdBy: 'jest' };
    const a = await generator.generate(request);
    const b = await generator.generate(request);
    expect(a.checksum).toBe(b.checksum);
    expect(a.data.asOf).toBe('2023-11-02');
    const stored = await db.dataSource.query(`SELECT checksum, pdf IS NULL AS no_pdf FROM report WHERE id = ANY($1)`, [[a.id, b.id]]);
    expect(stored).toEqual([
      { checksum: a.checksum, no_pdf: true },
      { checksum: a.checksum, no_pdf: true },
    ]);
  });

  it('cli report writes the files and prints where', () => {
    const out = join(OUTPUT, 'cli');
    const r = runCli(
      ['report', '--province', 'QNI', '--document', 'CDS-2023-QG', '--period', '2023', '--as-of', '2023-10-31', '--out', out],
      { DATABASE_URL: db.url },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /bao-cao-QNI-CDS-2023-QG-2023\.pdf\n.*bao-cao-QNI-CDS-2023-QG-2023\.xlsx\nbáo cáo \S+ tính đến ngày 31\/10\/2023: 5\/9 mục tiêu đạt/,
    );
    expect(pdfText(join(out, 'bao-cao-QNI-CDS-2023-QG-2023.pdf'))).toContain('BÁO CÁO TỰ MÂU THUẪN');
    expect(runCli(['report', '--province', 'QNI', '--document', 'KHONG-CO', '--period', '2023'], { DATABASE_URL: db.url }).status).toBe(2);
    expect(
      runCli(['report', '--province', 'QNI', '--document', 'CDS-2023-QG', '--period', '2023', '--format', 'doc'], { DATABASE_URL: db.url })
        .status,
    ).not.toBe(0);
  }, 60_000);
});

describe('reports through the API and the worker, and schedules with two workers', () => {
  let db: TestDatabase;
  let workers: INestApplication[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), {
      fileName: 'qn.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
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
    const ordered = await officer
      .post('/api/v1/reports')
      .send({ province: 'QNI', document: 'CDS-2023-QG', period: '2023', asOf: '2023-10-31' })
      .expect(202);
    const done = await waitFor(
      'the report job',
      async () => {
        const job = (await officer.get(`/api/v1/jobs/${ordered.body.job.id}`).expect(200)).body;
        return job.state === 'completed' && job.result ? job : null;
      },
      60_000,
    );
    expect(done).toMatchObject({ progress: 100, result: { reportId: expect.any(String) } });
    const list = await viewer.get('/api/v1/reports?province=QNI').expect(200);
    expect(list.body.items[0]).toMatchObject({
      id: done.result.reportId,
      document: 'CDS-2023-QG',
      period: '2023',
      asOf: '2023-10-31',
      formats: ['pdf', 'xlsx'],
    });
    const pdf = await viewer.get(`/api/v1/reports/${done.result.reportId}/file?format=pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await viewer.get(`/api/v1/reports/${done.result.reportId}/file?format=xlsx`).buffer(true).expect(200);
    expect(xlsx.headers['content-disposition']).toMatch(/bao-cao-QNI-CDS-2023-QG-2023\.xlsx/);
    await viewer.get(`/api/v1/reports/${done.result.reportId}/file?format=doc`).expect(400);

    // A province's own heading goes into its next reports.
    const heading = {
      parentBody: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
      issuer: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      number: 'Số:      /BC-SKHCN',
      place: 'Hạ Long',
      recipients: ['UBND tỉnh (b/c);', 'Lưu: VT.'],
      signerTitle: 'KT. GIÁM ĐỐC',
      signerName: 'Nguyễn Văn A',
    };
    await viewer.put('/api/v1/provinces/QNI/report-heading').send(heading).expect(403);
    expect((await officer.put('/api/v1/provinces/QNI/report-heading').send(heading).expect(200)).body).toMatchObject({
      ...heading,
      custom: true,
    });
    const again = await officer
      .post('/api/v1/reports')
      .send({ province: 'QNI', document: 'CDS-2023-QG', period: '2023', asOf: '2023-10-31', formats: ['pdf'] })
      .expect(202);
    const second = await waitFor(
      'the second report',
      async () => {
        const job = (await officer.get(`/api/v1/jobs/${again.body.job.id}`).expect(200)).body;
        return job.state === 'completed' && job.result ? job : null;
      },
      60_000,
    );
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
    await officer
      .post('/api/v1/report-schedules')
      .send({ province: 'QNI', document: 'CDS-2023-QG', frequency: 'cron', cron: 'not a cron', formats: ['xlsx'] })
      .expect(400);
    await officer
      .post('/api/v1/report-schedules')
      .send({ province: 'QNI', document: 'CDS-2023-QG', frequency: 'monthly', cron: '* * * * *', formats: ['xlsx'] })
      .expect(400);
    const created = await officer
      .post('/api/v1/report-schedules')
      .send({ province: 'QNI', document: 'CDS-2023-QG', frequency: 'cron', cron: '*/2 * * * * *', formats: ['xlsx'] })
      .expect(201);
    // By its maker: deleting the schedule unlinks its reports (schedule_id is set to null) but keeps them.
    const reports = () =>
      db.dataSource.query(`SELECT tick FROM report WHERE created_by = $1 ORDER BY tick`, [`schedule:${created.body.id}`]) as Promise<
        { tick: Date }[]
      >;
    await waitFor('three scheduled reports', async () => ((await reports()).length >= 3 ? true : null), 30_000);
    await officer.delete(`/api/v1/report-schedules/${created.body.id}`).expect(204);
    // Deleting takes the scheduler off the queue; once no job of it waits, is delayed or runs, no report can follow.
    const queue = app.get<Queue>(getQueueToken(QUEUE_NAMES.reports));
    const ofSchedule = (j: { data?: { scheduleId?: string } }) => j.data?.scheduleId === created.body.id;
    const settled = async () => {
      const schedulers = await queue.getJobSchedulers(0, -1);
      if (schedulers.some((s) => s.key === reportSchedulerId(created.body.id))) return false;
      const pending = await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);
      return !pending.some(ofSchedule);
    };
    await waitFor('the schedule off the queue and its last job finished', settled, 15_000);
    const made = await reports();
    expect(made.length).toBeGreaterThanOrEqual(3);
    const ticks = made.map((r) => new Date(r.tick).getTime());
    expect(new Set(ticks).size).toBe(ticks.length);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i] - ticks[i - 1]).toBeGreaterThanOrEqual(2000);
    // Each tick reached one worker once: no job found its tick's report already made by the other. A tick that fired
    // just before the delete can run just after it: that job finds the schedule gone and makes nothing.
    const jobs = (await queue.getJobs(['completed'])).filter((j) => j.name === REPORT_JOBS.scheduled && ofSchedule(j));
    const making = jobs.filter((j) => !j.returnvalue.skipped);
    expect(making.length).toBe(made.length);
    expect(making.every((j) => j.returnvalue.duplicate === false)).toBe(true);
    expect(jobs.filter((j) => j.returnvalue.skipped).every((j) => j.returnvalue.skipped === 'schedule removed or disabled')).toBe(true);
    // Nothing of the schedule is left to run (no scheduler, no job in any state but completed), so the count is final.
    expect(await settled()).toBe(true);
    expect((await queue.getJobs(['failed'])).some(ofSchedule)).toBe(false);
    expect((await reports()).length).toBe(made.length);
  }, 90_000);
});
