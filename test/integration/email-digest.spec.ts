import { AccountRepository, PlanImporter, ReportRepository } from '@dx/db';
import {
  createMailTransport,
  deliverDueNow,
  DeliveryProcessor,
  DigestMailer,
  EmailChannel,
  ReportDelivery,
  ReportGenerator,
} from '@dx/jobs';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { startSmtpServer, TestSmtpServer } from '../support/smtp-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The daily digest and a scheduled report too large to attach, through a real SMTP server. */
describe('email digest and report links', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let email: EmailChannel;
  let province: string;
  let accountId: string;
  const send = () => {
    const p = new DeliveryProcessor(db.dataSource);
    p.register(email);
    return p.runOnce();
  };
  const notify = (kind: string, key: string, title: string, at: string) =>
    db.dataSource.query(
      `INSERT INTO notification (account_id, kind, event_key, province_id, title, body, link, created_at) VALUES ($1, $2, $3, $4, $5, $5, '#/tong-quan', $6)`,
      [accountId, kind, key, province, title, at],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TDG')), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    [{ id: province }] = await db.dataSource.query(`SELECT id FROM org_unit WHERE kind = 'province' AND code = 'TDG'`);
    const { account } = await new AccountRepository(db.dataSource).create({
      username: 'lanh-dao',
      displayName: 'Nguyễn Thị Hà',
      role: 'leader',
      province: 'TDG',
    });
    accountId = account.id;
    await db.dataSource.query(`UPDATE app_user SET email = 'ha.nt@tinh.gov.vn' WHERE id = $1`, [accountId]);
    smtp = await startSmtpServer();
    email = new EmailChannel(db.dataSource, createMailTransport(smtp.url), 'cds@tinh.gov.vn', 'https://cds.tinh.gov.vn');
  });
  afterAll(async () => {
    email?.close();
    await smtp?.close();
    await db?.drop();
  });

  it("gathers a day's digest kinds into one mail per person (Vietnamese time), once however often it runs", async () => {
    // 1 March in Hanoi: 01:00 and 16:30 UTC are 08:00 and 23:30 local; 17:30 UTC is already 2 March there.
    await notify('goal.status_changed', 'g:1', 'Mục tiêu MT1.1 chuyển sang "Có nguy cơ"', '2026-03-01T01:00:00Z');
    await notify('goal.status_changed', 'g:2', 'Mục tiêu MT1.2 chuyển sang "Đạt"', '2026-03-01T16:30:00Z');
    await notify('goal.status_changed', 'g:3', 'Mục tiêu ngày hôm sau', '2026-03-01T17:30:00Z');
    // Not a digest kind by default: it had its own mail.
    await notify('task.overdue', 't:1', 'Nhiệm vụ quá hạn: NV1.1 quá hạn 3 ngày', '2026-03-01T02:00:00Z');
    const digests = new DigestMailer(db.dataSource, 'https://cds.tinh.gov.vn');
    expect(await digests.enqueueDueDigests(new Date('2026-03-01T23:00:00Z'))).toBe(0); // 06:00 in Hanoi: not yet
    expect(await digests.enqueueDueDigests(new Date('2026-03-02T01:00:00Z'))).toBe(1);
    expect(await digests.enqueueDigests('2026-03-01')).toBe(0);
    expect(await send()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.parsed.subject).toBe('Tóm tắt thông báo ngày 01/03/2026: 2 thông báo');
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(mail.parsed.text).toContain('Kính gửi Nguyễn Thị Hà,');
    expect(mail.parsed.text).toContain('1. Mục tiêu MT1.1 chuyển sang "Có nguy cơ"');
    expect(mail.parsed.text).toContain('2. Mục tiêu MT1.2 chuyển sang "Đạt"');
    expect(mail.parsed.text).toContain('https://cds.tinh.gov.vn/#/tong-quan');
    expect(mail.parsed.text).not.toContain('ngày hôm sau');
    expect(mail.parsed.text).not.toContain('NV1.1');
  });

  it('links instead of attaching a report file larger than the limit', async () => {
    // An account of another province may not read the report: it gets nothing.
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TDK')), {
      fileName: 'k.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    const { account: other } = await new AccountRepository(db.dataSource).create({
      username: 'tinh-khac',
      displayName: 'Tỉnh khác',
      role: 'officer',
      province: 'TDK',
    });
    await db.dataSource.query(`UPDATE app_user SET email = 'khac@tinhkhac.gov.vn' WHERE id = $1`, [other.id]);
    const reports = new ReportRepository(db.dataSource);
    const ids = (await reports.documentOf('TDG', '1/KH-UBND'))!;
    const schedule = await reports.createSchedule({
      ...ids,
      frequency: 'monthly',
      cron: null,
      formats: ['pdf', 'xlsx'],
      createdBy: 'jest',
      recipients: ['lanh-dao', 'van.phong@tinh.gov.vn', 'tinh-khac'],
    });
    const made = await new ReportGenerator(db.dataSource, { now: () => new Date('2023-11-02T03:00:00Z') }).generate({
      province: 'TDG',
      document: '1/KH-UBND',
      period: '2023-10',
      formats: ['pdf', 'xlsx'],
      createdBy: `schedule:${schedule.id}`,
      scheduleId: schedule.id,
    });
    const { sizes } = (await reports.findById(made.id!))!;
    // Between the two files' sizes: the smaller is attached, the larger linked.
    const limit = Math.floor((sizes.pdf! + sizes.xlsx!) / 2);
    const delivery = new ReportDelivery(db.dataSource, { attachmentMaxBytes: limit, publicUrl: 'https://cds.tinh.gov.vn' });
    expect(await delivery.enqueue(made.id!, schedule.id)).toBe(2);
    expect(await delivery.enqueue(made.id!, schedule.id)).toBe(0);
    const before = smtp.received.length;
    // As a command sends them, with the channels its configuration allows.
    const config = {
      mail: { url: smtp.url, from: 'cds@tinh.gov.vn' },
      delivery: { attachmentMaxBytes: limit, publicUrl: null, webhookTimeoutMs: 1000, allowLoopbackHttp: true },
    };
    expect(await deliverDueNow(db.dataSource, config)).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(await deliverDueNow(db.dataSource, config)).toEqual({ sent: 0, retried: 0, failed: 0 });
    const mails = smtp.received.slice(before);
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['ha.nt@tinh.gov.vn', 'van.phong@tinh.gov.vn']);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE account_id = $1`, [other.id])).toEqual([{ n: 0 }]);
    const [large, small] = sizes.pdf! > sizes.xlsx! ? ['pdf', 'xlsx'] : ['xlsx', 'pdf'];
    for (const { parsed } of mails) {
      expect(parsed.subject).toBe('Báo cáo định kỳ Tháng 10/2023: Kế hoạch chuyển đổi số năm 2023 (Tỉnh Thử Nghiệm)');
      expect(parsed.text).toContain('về việc thực hiện 1/KH-UBND "Kế hoạch chuyển đổi số năm 2023", số liệu tính đến ngày 31/10/2023.');
      expect(parsed.attachments.map((a) => a.filename)).toEqual([`bao-cao-TDG-1-KH-UBND-2023-10.${small}`]);
      expect(parsed.text).toContain(
        `Các tệp sau vượt quá dung lượng đính kèm, xin tải về tại trang báo cáo: bao-cao-TDG-1-KH-UBND-2023-10.${large}`,
      );
      expect(parsed.text).toContain(`https://cds.tinh.gov.vn/#/bao-cao?report=${made.id}`);
    }
  });
});
