import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type request from 'supertest';
import { PlanImporter } from '@dx/db';
import { ReportGenerator } from '@dx/jobs';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { runCli } from '../support/run-built';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const task = (code: string, lead: string, due: string | null, status: string, evidence?: string) =>
  `          - code: ${code}
            title: Nhiệm vụ ${code} về chuyển đổi số
            lead: ${lead}
${due ? `            due: ${due}\n` : ''}            status: ${status}
${evidence ? `            evidence: { number: "${code}/BC-STTTT", date: ${evidence}, issuer: Sở Thông tin và Truyền thông }\n` : ''}`;

/**
 * At 31/12/2024: NV1 has one task done on time, one done late, one open within its deadline, one
 * overdue and one cancelled; NV2 one overdue. STTTT leads four of them, VPUBND two.
 */
const PLAN = smallPlanText('TOC', {
  agencies: '  - code: VPUBND\n    name: Văn phòng Ủy ban nhân dân tỉnh\n    kind: department\n',
}).replace(
  / {8}tasks:\n[\s\S]*?observations:/,
  `        tasks:
${task('NV1.1', 'STTTT', '2024-06-30', 'done', '2024-06-15')}${task('NV1.2', 'VPUBND', '2024-06-30', 'done', '2024-08-01')}${task('NV1.3', 'STTTT', '2025-06-30', 'in_progress')}${task('NV1.4', 'STTTT', '2024-09-30', 'not_started')}${task('NV1.5', 'STTTT', '2024-03-31', 'cancelled')}      - code: NV2
        name: Kinh tế số
        tasks:
${task('NV2.1', 'VPUBND', '2024-03-31', 'in_progress')}observations:`,
);

const pdfText = (bytes: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'dx-report-')), 'report.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
};
const docxText = async (bytes: Buffer) =>
  (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).replace(/<\/w:p>/g, ' ').replace(/<[^>]+>/g, '');
const bytesOf = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const binary = bytesOf as unknown as Parameters<request.Test['parse']>[0];

describe('reports: own number and signer, DOCX, the 2025 heading and the four task outcomes', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(PLAN), {
      fileName: 'toc.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    app = await createTestApp(db, { env: { RUN_WORKER: 'true', QUEUE_PREFIX: `dx-test-${testRunId()}-outc` } });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('XLSX: the four outcomes per task group and per lead agency at 31/12/2024, cancelled tasks under none', async () => {
    const clock = { now: () => new Date('2026-12-03T03:00:00Z') };
    const report = await new ReportGenerator(db.dataSource, clock).generate({
      province: 'TOC',
      document: '1/KH-UBND',
      period: '2024',
      formats: ['xlsx'],
      createdBy: 'jest',
    });
    expect(report.data.taskOutcomes.total).toEqual({ done_on_time: 1, done_late: 1, open_on_time: 1, open_overdue: 2 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.files.xlsx as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Kết quả nhiệm vụ')!;
    const rows = Array.from({ length: sheet.rowCount }, (_, i) => ((sheet.getRow(i + 1).values as unknown[]) ?? []).slice(1));
    expect(rows).toContainEqual(['Nhóm', 'Tên', 'HT đúng hạn', 'HT quá hạn', 'Chưa HT, còn hạn', 'Chưa HT, quá hạn', 'Tổng số']);
    expect(rows).toContainEqual(['NV1', 'Nhận thức số', 1, 1, 1, 1, 4]);
    expect(rows).toContainEqual(['NV2', 'Kinh tế số', 0, 0, 0, 1, 1]);
    expect(rows).toContainEqual(['STTTT', 'Sở Thông tin và Truyền thông', 1, 0, 1, 1, 3]);
    expect(rows).toContainEqual(['VPUBND', 'Văn phòng Ủy ban nhân dân tỉnh', 0, 1, 0, 1, 2]);
    expect(rows.filter((r) => r[0] === 'Tổng cộng')).toEqual([
      ['Tổng cộng', '1/KH-UBND', 1, 1, 1, 2, 5],
      ['Tổng cộng', '1/KH-UBND', 1, 1, 1, 2, 5],
    ]);
  });

  it('POST /reports with a number and signer: stored, listed, printed in the PDF and the DOCX under the Sở KH&CN for 2026', async () => {
    const officer = as(app, (await signIn(app, db, 'officer', 'TOC', 'STTTT')).token);
    await officer
      .post('/api/v1/reports')
      .send({ province: 'TOC', document: '1/KH-UBND', period: '2026', number: 'x'.repeat(61) })
      .expect(400);
    const ordered = await officer
      .post('/api/v1/reports')
      .send({
        province: 'TOC',
        document: '1/KH-UBND',
        period: '2026-Q1',
        formats: ['pdf', 'xlsx', 'docx'],
        number: ' 125/BC-SKHCN ',
        signerName: 'Nguyễn Văn An',
        signerTitle: 'PHÓ GIÁM ĐỐC',
      })
      .expect(202);
    const done = await waitFor(
      'the report job',
      async () => {
        const job = (await officer.get(`/api/v1/jobs/${ordered.body.job.id}`).expect(200)).body;
        return job.state === 'completed' && job.result ? job : null;
      },
      60_000,
    );
    const id = done.result.reportId;
    const [row] = await db.dataSource.query(
      `SELECT number, signer_name, signer_title, octet_length(docx) AS docx FROM report WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ number: '125/BC-SKHCN', signer_name: 'Nguyễn Văn An', signer_title: 'PHÓ GIÁM ĐỐC' });
    expect(row.docx).toBeGreaterThan(0);
    const list = await officer.get('/api/v1/reports?province=TOC').expect(200);
    expect(list.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({
      formats: ['pdf', 'xlsx', 'docx'],
      number: '125/BC-SKHCN',
      signerName: 'Nguyễn Văn An',
      signerTitle: 'PHÓ GIÁM ĐỐC',
      sizes: { docx: expect.any(Number) },
    });

    const docx = await officer.get(`/api/v1/reports/${id}/file?format=docx`).buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-type']).toMatch(/^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/);
    expect(docx.headers['content-disposition']).toMatch(/bao-cao-TOC-1-KH-UBND-2026-Q1\.docx/);
    const pdf = await officer.get(`/api/v1/reports/${id}/file?format=pdf`).buffer(true).parse(binary).expect(200);
    for (const text of [await docxText(docx.body), pdfText(pdf.body)]) {
      for (const expected of [
        'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
        'Số: 125/BC-SKHCN',
        'PHÓ GIÁM ĐỐC',
        'Nguyễn Văn An',
        'Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('THÔNG TIN VÀ TRUYỀN THÔNG');
    }
  }, 90_000);

  it('GET /tasks counts every matching task (all pages) under the four outcomes at today', async () => {
    const viewer = as(app, (await signIn(app, db, 'viewer', 'TOC')).token);
    // Every due date is before today (2026 or later): the open tasks are overdue.
    const all = await viewer.get('/api/v1/tasks?province=TOC&pageSize=1').expect(200);
    expect(all.body.items).toHaveLength(1);
    expect(all.body.outcomes).toEqual({ done_on_time: 1, done_late: 1, open_on_time: 0, open_overdue: 3 });
    const done = await viewer.get('/api/v1/tasks?province=TOC&status=done').expect(200);
    expect(done.body.outcomes).toEqual({ done_on_time: 1, done_late: 1, open_on_time: 0, open_overdue: 0 });
    const group = await viewer.get('/api/v1/tasks?province=TOC&group=NV2&q=NV2').expect(200);
    expect(group.body.outcomes).toEqual({ done_on_time: 0, done_late: 0, open_on_time: 0, open_overdue: 1 });
  });

  it('cli report --format docx writes the Word file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dx-cli-docx-'));
    const r = runCli(['report', '--province', 'TOC', '--document', '1/KH-UBND', '--period', '2024', '--format', 'docx', '--out', out], {
      DATABASE_URL: db.url,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = await docxText(readFileSync(join(out, 'bao-cao-TOC-1-KH-UBND-2024.docx')));
    expect(text).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(text).toContain('chưa hoàn thành và đã quá hạn');
  }, 60_000);

  it('a schedule may make DOCX files', async () => {
    const officer = as(app, (await signIn(app, db, 'officer', 'TOC', 'STTTT')).token);
    const created = await officer
      .post('/api/v1/report-schedules')
      .send({ province: 'TOC', document: '1/KH-UBND', frequency: 'yearly', formats: ['pdf', 'xlsx', 'docx'] })
      .expect(201);
    expect(created.body.formats).toEqual(['pdf', 'xlsx', 'docx']);
    await officer
      .post('/api/v1/report-schedules')
      .send({ province: 'TOC', document: '1/KH-UBND', frequency: 'yearly', formats: ['doc'] })
      .expect(400);
    await officer.delete(`/api/v1/report-schedules/${created.body.id}`).expect(204);
  });

  it('a 2024 report without a number is headed by the Sở TT&TT with the number left blank', async () => {
    const officer = as(app, (await signIn(app, db, 'officer', 'TOC', 'STTTT')).token);
    const ordered = await officer
      .post('/api/v1/reports')
      .send({ province: 'TOC', document: '1/KH-UBND', period: '2024', formats: ['pdf', 'docx'] })
      .expect(202);
    const done = await waitFor(
      'the 2024 report',
      async () => {
        const job = (await officer.get(`/api/v1/jobs/${ordered.body.job.id}`).expect(200)).body;
        return job.state === 'completed' && job.result ? job : null;
      },
      60_000,
    );
    const pdf = await officer.get(`/api/v1/reports/${done.result.reportId}/file?format=pdf`).buffer(true).parse(binary).expect(200);
    const text = pdfText(pdf.body);
    expect(text).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    // "Số:        /BC-STTTT": the blank number leaves a gap pdftotext may read as two columns.
    expect(text).toMatch(/Số: .*\/BC-STTTT/);
    expect(text).not.toContain('KHOA HỌC VÀ CÔNG NGHỆ');
    expect(text).not.toContain('BC-SKHCN');
    expect(text).toContain(
      'Kết quả thực hiện 5 nhiệm vụ: 1 hoàn thành đúng hạn, 1 hoàn thành quá hạn, 1 chưa hoàn thành nhưng còn trong hạn, 2 chưa hoàn thành và đã quá hạn.',
    );
    const docx = await officer.get(`/api/v1/reports/${done.result.reportId}/file?format=docx`).buffer(true).parse(binary).expect(200);
    const words = await docxText(docx.body);
    expect(words).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(words).toContain('Số:        /BC-STTTT');
    await officer.get(`/api/v1/reports/${done.result.reportId}/file?format=xlsx`).expect(404);
  }, 90_000);
});
