import { createServer } from 'http';
import { AddressInfo } from 'net';
import { PlanImporter } from '@dx/db';
import { createMailTransport, EmailChannel, messageIdOf, WebhookChannel, webhookUrlProblem } from '@dx/jobs';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { startSmtpServer, TestSmtpServer } from '../support/smtp-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { signatureMatches, startWebhookReceiver } from '../support/webhook-receiver';

/** The email and webhook channels against a real SMTP server and a real HTTP server (no mock transport). */
describe('delivery channels: email over SMTP, signed webhook over HTTP', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let province: string;
  const SECRET = 'bí-mật-của-tỉnh-0123456789';
  const event = {
    kind: 'task.overdue',
    eventKey: 'task.overdue:0b1c:2026-03-01:w0',
    province: 'TDL',
    entity: { kind: 'task', id: '0b1c' },
    title: 'Nhiệm vụ NV-01 đã quá hạn 3 ngày (hạn 01/03/2026)',
    body: 'Nhiệm vụ NV-01 "Số hoá hồ sơ thủ tục hành chính" đã quá hạn 3 ngày (hạn 01/03/2026).',
    link: '#/cong-viec?task=0b1c',
    at: '2026-03-04T00:00:00.000Z',
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TDL')), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    [{ id: province }] = await db.dataSource.query(`SELECT id FROM org_unit WHERE kind = 'province' AND code = 'TDL'`);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.drop();
  });

  it('sends a Vietnamese mail: RFC 2047 UTF-8 subject that decodes with its diacritics, text and HTML bodies, a stable Message-ID', async () => {
    const channel = new EmailChannel(db.dataSource, createMailTransport(smtp.url), 'Sở TT&TT <cds@tinh.gov.vn>', 'https://cds.tinh.gov.vn');
    try {
      await channel.send({ id: 'd1', recipient: 'can.bo@tinh.gov.vn', idempotencyKey: 'k|can.bo@tinh.gov.vn|email', payload: { event } });
    } finally {
      channel.close();
    }
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.envelopeTo).toEqual(['can.bo@tinh.gov.vn']);
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(mail.raw).not.toContain('Nhiệm vụ NV-01 đã quá hạn');
    expect(mail.parsed.subject).toBe(event.title);
    expect(mail.parsed.subject).toBe(mail.parsed.subject?.normalize('NFC'));
    expect(mail.parsed.from?.value[0]).toMatchObject({ address: 'cds@tinh.gov.vn', name: 'Sở TT&TT' });
    expect(mail.parsed.text).toContain('đã quá hạn 3 ngày (hạn 01/03/2026)');
    expect(mail.parsed.text).toContain('https://cds.tinh.gov.vn/#/cong-viec?task=0b1c');
    expect(mail.parsed.html).toContain('Số hoá hồ sơ thủ tục hành chính');
    expect(mail.parsed.messageId).toBe(messageIdOf('k|can.bo@tinh.gov.vn|email'));
  });

  it('throws when the server refuses the message, so the delivery is retried', async () => {
    const channel = new EmailChannel(db.dataSource, createMailTransport(smtp.url), 'cds@tinh.gov.vn');
    const before = smtp.received.length;
    smtp.refuseNext(1);
    try {
      await expect(channel.send({ id: 'd2', recipient: 'a@tinh.gov.vn', idempotencyKey: 'k2', payload: { event } })).rejects.toThrow(/451/);
    } finally {
      channel.close();
    }
    expect(smtp.received).toHaveLength(before);
  });

  it('POSTs the event as JSON signed with the province secret; a wrong secret does not verify; a 500 is a failure', async () => {
    const receiver = await startWebhookReceiver([500]);
    await db.dataSource.query(
      `INSERT INTO province_notification_setting (province_id, webhook_url, webhook_secret) VALUES ($1, $2, $3)
       ON CONFLICT (province_id) DO UPDATE SET webhook_url = EXCLUDED.webhook_url, webhook_secret = EXCLUDED.webhook_secret`,
      [province, receiver.url, SECRET],
    );
    const channel = new WebhookChannel(db.dataSource, { timeoutMs: 5000, allowLoopbackHttp: true, publicUrl: 'https://cds.tinh.gov.vn' });
    const delivery = { id: 'd3', recipient: receiver.url, idempotencyKey: 'k3', provinceId: province, payload: { event } };
    try {
      await expect(channel.send(delivery)).rejects.toThrow(/HTTP 500/);
      await channel.send(delivery);
    } finally {
      await receiver.close();
    }
    expect(receiver.requests.map((r) => r.status)).toEqual([500, 200]);
    const [hook] = receiver.accepted();
    expect(JSON.parse(hook.raw)).toEqual({
      id: event.eventKey,
      kind: 'task.overdue',
      province: 'TDL',
      title: event.title,
      body: event.body,
      link: 'https://cds.tinh.gov.vn/#/cong-viec?task=0b1c',
      entity: { kind: 'task', id: '0b1c' },
      occurredAt: event.at,
    });
    expect(hook.headers['content-type']).toMatch(/^application\/json/);
    expect(hook.headers['x-dx-event-id']).toBe(event.eventKey);
    expect(hook.headers['x-dx-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureMatches(SECRET, hook.raw, hook.headers['x-dx-signature'])).toBe(true);
    expect(signatureMatches('another-secret', hook.raw, hook.headers['x-dx-signature'])).toBe(false);
    expect(signatureMatches(SECRET, hook.raw.replace('TDL', 'QNI'), hook.headers['x-dx-signature'])).toBe(false);
  });

  it('counts a receiver that does not answer within the timeout as a failure', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`;
    const channel = new WebhookChannel(db.dataSource, { timeoutMs: 300, allowLoopbackHttp: true, publicUrl: null });
    try {
      await expect(
        channel.send({ id: 'd5', recipient: url, idempotencyKey: 'k5', provinceId: province, payload: { event } }),
      ).rejects.toThrow('webhook không trả lời trong 300 ms');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('calls only https webhooks, and plain http only to this machine outside production', async () => {
    expect(webhookUrlProblem('https://zalo-bridge.tinh.gov.vn/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', false)).toMatch(/https/);
    expect(webhookUrlProblem('http://bridge.tinh.gov.vn/hook', true)).toMatch(/https/);
    const channel = new WebhookChannel(db.dataSource, { timeoutMs: 1000, allowLoopbackHttp: false, publicUrl: null });
    await expect(
      channel.send({ id: 'd4', recipient: 'http://127.0.0.1:9/x', idempotencyKey: 'k4', provinceId: province, payload: { event } }),
    ).rejects.toThrow('webhook phải dùng https://');
  });
});
