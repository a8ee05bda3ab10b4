import { INestApplication } from '@nestjs/common';
import { ParsedMail } from 'mailparser';
import request from 'supertest';
import { PlanImporter } from '@dx/db';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { startSmtpServer, TestSmtpServer } from '../support/smtp-server';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const ADDRESS = 'van.phong@ubnd.tinh.gov.vn';
/** supertest's parser for a body kept as bytes, whatever its type. */
const bytes = (res: request.Response, done: (error: Error | null, body: unknown) => void) => {
  // superagent hands the parser the raw response stream.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
const idempotencyKey = (m: ParsedMail) => String(m.headers.get('x-dx-idempotency-key') ?? '');

/** A scheduled report reaches its recipients ("Nơi nhận") by email through a real SMTP server, with its files attached as stored. */
describe('scheduled report delivery by email', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TRD')), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    smtp = await startSmtpServer();
    app = await createTestApp(db, {
      env: {
        RUN_WORKER: 'true',
        QUEUE_PREFIX: `dx-test-${testRunId()}-rdl`,
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Sở Thông tin và Truyền thông <cds@tinh.gov.vn>',
        PUBLIC_URL: 'https://cds.tinh.gov.vn',
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
  });

  it('each recipient gets one Vietnamese email with the PDF and XLSX byte-identical to GET /reports/:id/file', async () => {
    const officer = as(app, (await signIn(app, db, 'officer', 'TRD', 'STTTT')).token);
    const leader = await signIn(app, db, 'leader', 'TRD');
    await db.dataSource.query(`UPDATE app_user SET email = 'lanh.dao@ubnd.tinh.gov.vn' WHERE username = $1`, [leader.username]);
    const schedule = { province: 'TRD', document: '1/KH-UBND', frequency: 'cron', cron: '*/2 * * * * *', formats: ['pdf', 'xlsx'] };
    await officer
      .post('/api/v1/report-schedules')
      .send({ ...schedule, recipients: ['không phải địa chỉ'] })
      .expect(400);
    const created = await officer
      .post('/api/v1/report-schedules')
      .send({ ...schedule, recipients: [leader.username, ADDRESS, ADDRESS.toUpperCase()] })
      .expect(201);
    expect(created.body.recipients).toEqual([leader.username, ADDRESS]);
    const [first] = await waitFor(
      'the first scheduled report',
      async () => {
        const rows = await db.dataSource.query(`SELECT id FROM report WHERE schedule_id = $1 ORDER BY created_at LIMIT 1`, [
          created.body.id,
        ]);
        return rows.length ? rows : null;
      },
      30_000,
    );
    // Turned off without naming recipients: they are kept.
    const off = await officer
      .put(`/api/v1/report-schedules/${created.body.id}`)
      .send({ frequency: 'monthly', formats: ['pdf', 'xlsx'], enabled: false })
      .expect(200);
    expect(off.body.recipients).toEqual([leader.username, ADDRESS]);

    const mails = await waitFor('both recipients mailed', async () => {
      const of = smtp.received.filter((m) => idempotencyKey(m.parsed).startsWith(`report.made:${first.id}|`));
      return of.length >= 2 ? of : null;
    });
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['lanh.dao@ubnd.tinh.gov.vn', ADDRESS]);
    const pdf = (await officer.get(`/api/v1/reports/${first.id}/file?format=pdf`).buffer(true).parse(bytes).expect(200)).body as Buffer;
    const xlsx = (await officer.get(`/api/v1/reports/${first.id}/file?format=xlsx`).buffer(true).parse(bytes).expect(200)).body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    for (const { parsed, raw } of mails) {
      expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
      expect(parsed.subject).toMatch(/^Báo cáo định kỳ Ngày \d{2}\/\d{2}\/\d{4}: Kế hoạch chuyển đổi số năm 2023 \(Tỉnh Thử Nghiệm\)$/);
      expect(parsed.text).toContain('Tệp đính kèm: bao-cao-TRD-1-KH-UBND-');
      expect(parsed.text).toContain(`Xem báo cáo: https://cds.tinh.gov.vn/#/bao-cao?report=${first.id}`);
      expect(parsed.html).toContain('Kính gửi Quý cơ quan, đơn vị,');
      const byType = (suffix: string) => parsed.attachments.find((a) => a.filename?.endsWith(suffix));
      expect(parsed.attachments).toHaveLength(2);
      expect(byType('.pdf')!.contentType).toBe('application/pdf');
      expect(byType('.pdf')!.content.equals(pdf)).toBe(true);
      expect(byType('.xlsx')!.content.equals(xlsx)).toBe(true);
    }
    expect(smtp.received.filter((m) => idempotencyKey(m.parsed).startsWith(`report.made:${first.id}|`))).toHaveLength(2);
    // The account recipient also has it in the app.
    const inbox = await as(app, leader.token).get('/api/v1/notifications').expect(200);
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'report.made', link: `#/bao-cao?report=${first.id}` })]),
    );
  }, 90_000);
});
