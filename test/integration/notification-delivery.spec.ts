import { AccountRepository, DeliveryRepository, PlanImporter } from '@dx/db';
import { createMailTransport, DeliveryProcessor, EmailChannel, NotificationProducer, WebhookChannel } from '@dx/jobs';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { startSmtpServer, TestSmtpServer } from '../support/smtp-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { signatureMatches, startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

const AS_OF = '2026-03-04';
const SECRET = 'khoá-bí-mật-webhook-của-tỉnh';

/**
 * Reminders sent through the real delivery processor and channels to a real SMTP server and a real HTTP receiver:
 * one mail per person and event, none twice (a second pass, a worker killed after the claim, a refused send), and a
 * webhook retried with backoff until it answers 2xx.
 */
describe('overdue task reminders by email and webhook', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let province: string;
  let email: EmailChannel;
  const producer = () => new NotificationProducer(db.dataSource, () => new Date(`${AS_OF}T01:00:00Z`));
  const processor = (options: ConstructorParameters<typeof DeliveryProcessor>[1] = {}) => {
    const p = new DeliveryProcessor(db.dataSource, { retryBaseMs: 20, ...options });
    p.register(email);
    p.register(new WebhookChannel(db.dataSource, { timeoutMs: 5000, allowLoopbackHttp: true, publicUrl: 'https://cds.tinh.gov.vn' }));
    return p;
  };
  const deliveries = (channel: string) =>
    db.dataSource.query(`SELECT recipient, status, attempts, last_error FROM notification_delivery WHERE channel = $1 ORDER BY recipient`, [
      channel,
    ]);

  beforeAll(async () => {
    db = await createTestDatabase();
    const plan = smallPlanText('TND').replace('            progress: 40\n', '            progress: 40\n            due: 2026-03-01\n');
    await new PlanImporter(db.dataSource).run(validPlan(plan), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    [{ id: province }] = await db.dataSource.query(`SELECT id FROM org_unit WHERE kind = 'province' AND code = 'TND'`);
    const accounts = new AccountRepository(db.dataSource);
    for (const [username, role, org, address] of [
      ['bao-cao-vien', 'reporter', 'STTTT', 'bao.cao.vien@sotttt.tinh.gov.vn'],
      ['chuyen-vien', 'officer', undefined, 'chuyen.vien@sotttt.tinh.gov.vn'],
      ['khong-thu', 'officer', undefined, null],
    ] as const) {
      await accounts.create({ username, displayName: username, role, province: 'TND', orgUnit: org });
      await db.dataSource.query(`UPDATE app_user SET email = $2 WHERE username = $1`, [username, address]);
    }
    smtp = await startSmtpServer();
    email = new EmailChannel(db.dataSource, createMailTransport(smtp.url), 'Sở TT&TT <cds@tinh.gov.vn>', 'https://cds.tinh.gov.vn');
  });
  afterAll(async () => {
    email?.close();
    await smtp?.close();
    await db?.drop();
  });

  it("sends one Vietnamese email each to the lead agency's reporter and the officer; a second pass sends nothing", async () => {
    await producer().runReminders({ province: 'TND', asOf: AS_OF });
    const sent = await processor().runOnce();
    expect(sent).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual(['bao.cao.vien@sotttt.tinh.gov.vn', 'chuyen.vien@sotttt.tinh.gov.vn']);
    for (const mail of smtp.received) {
      expect(mail.parsed.subject).toBe('Nhiệm vụ quá hạn: NV1.1 quá hạn 3 ngày');
      expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
      expect(mail.parsed.text).toContain('Nhiệm vụ NV1.1 "Tuyên truyền về chuyển đổi số" do Sở Thông tin và Truyền thông chủ trì');
      expect(mail.parsed.text).toContain('hạn 01/03/2026, quá hạn 3 ngày');
      expect(mail.parsed.text).toBe(mail.parsed.text?.normalize('NFC'));
    }
    // The same day again: the keys are there, nothing new is made or sent.
    await producer().runReminders({ province: 'TND', asOf: AS_OF });
    expect(await processor().runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    expect((await deliveries('email')).map((d: { status: string }) => d.status)).toEqual(['sent', 'sent']);
  });

  it('a worker killed after claiming (key stored, nothing sent) is followed by exactly one mail; a refused send is retried once', async () => {
    // A new event: the task in its second week overdue (the weekly reminder).
    const before = smtp.received.length;
    await producer().runReminders({ province: 'TND', asOf: '2026-03-09' });
    expect((await deliveries('email')).filter((d: { status: string }) => d.status === 'pending')).toHaveLength(2);
    // The killed worker: it claimed both (attempt counted, lease taken) and died before sending.
    const claimed = await new DeliveryRepository(db.dataSource).claim(['email'], 10, 300);
    expect(claimed).toHaveLength(2);
    expect(await processor().runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    smtp.refuseNext(1);
    const next = processor({ leaseMs: 300 });
    await waitFor('both reminders sent after the lease and one refusal', async () => {
      await next.runOnce();
      const rows = await deliveries('email');
      return rows.every((d: { status: string }) => d.status === 'sent') ? rows : null;
    });
    await next.runOnce();
    const weekly = smtp.received.slice(before);
    expect(weekly.map((m) => m.envelopeTo[0]).sort()).toEqual(['bao.cao.vien@sotttt.tinh.gov.vn', 'chuyen.vien@sotttt.tinh.gov.vn']);
    expect(weekly.every((m) => m.parsed.subject === 'Nhiệm vụ quá hạn: NV1.1 quá hạn 8 ngày')).toBe(true);
    // Attempts: the killed worker's two, the refused one, the two that went through.
    const [{ attempts }] = await db.dataSource.query(
      `SELECT sum(attempts)::int AS attempts FROM notification_delivery WHERE channel = 'email' AND event_key LIKE '%:w1'`,
    );
    expect(attempts).toBe(5);
  });

  describe('the province webhook', () => {
    let receiver: WebhookReceiver;
    afterEach(() => receiver?.close());

    it('answering 500 three times then 200 receives the event exactly once, signed; each failure is visible meanwhile', async () => {
      receiver = await startWebhookReceiver([500, 500, 500]);
      await db.dataSource.query(
        `INSERT INTO province_notification_setting (province_id, webhook_url, webhook_secret) VALUES ($1, $2, $3)
         ON CONFLICT (province_id) DO UPDATE SET webhook_url = EXCLUDED.webhook_url, webhook_secret = EXCLUDED.webhook_secret`,
        [province, receiver.url, SECRET],
      );
      await producer().runReminders({ province: 'TND', asOf: '2026-03-15' });
      const p = processor();
      await p.runOnce();
      expect(await deliveries('webhook')).toEqual([
        { recipient: receiver.url, status: 'pending', attempts: 1, last_error: 'webhook trả lời HTTP 500' },
      ]);
      await waitFor('the webhook delivered', async () => {
        await p.runOnce();
        return (await deliveries('webhook'))[0].status === 'sent';
      });
      await p.runOnce();
      expect(receiver.requests.map((r) => r.status)).toEqual([500, 500, 500, 200]);
      const [hook] = receiver.accepted();
      expect(JSON.parse(hook.raw)).toMatchObject({
        kind: 'task.overdue',
        province: 'TND',
        title: 'Nhiệm vụ quá hạn: NV1.1 quá hạn 14 ngày',
      });
      expect(new Set(receiver.requests.map((r) => r.headers['x-dx-event-id'])).size).toBe(1);
      expect(signatureMatches(SECRET, hook.raw, hook.headers['x-dx-signature'])).toBe(true);
      expect(signatureMatches('khoá-sai', hook.raw, hook.headers['x-dx-signature'])).toBe(false);
      expect((await deliveries('webhook'))[0]).toMatchObject({ status: 'sent', attempts: 4 });
    });

    it('a receiver that keeps failing ends as a failed delivery with its error', async () => {
      receiver = await startWebhookReceiver([503, 503, 503]);
      await db.dataSource.query(`UPDATE province_notification_setting SET webhook_url = $2 WHERE province_id = $1`, [
        province,
        receiver.url,
      ]);
      await producer().runReminders({ province: 'TND', asOf: '2026-03-22' });
      const p = processor({ maxAttempts: 3 });
      const row = await waitFor('the delivery failed for good', async () => {
        await p.runOnce();
        const rows = await db.dataSource.query(`SELECT status, attempts, last_error FROM notification_delivery WHERE recipient = $1`, [
          receiver.url,
        ]);
        return rows[0]?.status === 'failed' ? rows[0] : null;
      });
      expect(row).toEqual({ status: 'failed', attempts: 3, last_error: 'webhook trả lời HTTP 503' });
      expect(receiver.accepted()).toHaveLength(0);
    });
  });
});
