import { INestApplication } from '@nestjs/common';
import { PlanImporter } from '@dx/db';
import { NOTIFICATION_KINDS } from '@dx/domain';
import { NotificationProducer } from '@dx/jobs';
import { DA_NANG_FILE, validPlanFile } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const importOptions = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date('2023-11-01T00:00:00Z') };

describe('notifications API: own inbox, read, preferences, deliveries, email, province settings', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;
  let reporter: ReturnType<typeof as>;
  let otherReporter: ReturnType<typeof as>;
  let admin: ReturnType<typeof as>;
  let producer: NotificationProducer;
  const late = { code: '', id: '' };

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), importOptions);
    app = await createTestApp(db);
    officer = as(app, (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token);
    reporter = as(app, (await signIn(app, db, 'reporter', 'DNG', 'STTTT')).token);
    otherReporter = as(app, (await signIn(app, db, 'reporter', 'DNG', 'Q-HAI-CHAU')).token);
    admin = as(app, (await signIn(app, db, 'admin')).token);
    // One task led by STTTT is two days late on 2031-01-03; every other task is done by then.
    const [t] = await db.dataSource.query(
      `SELECT t.id, t.code FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id
         JOIN org_unit o ON o.id = t.lead_id WHERE p.code = 'DNG' AND o.code = 'STTTT' ORDER BY t.code LIMIT 1`,
    );
    Object.assign(late, t);
    await db.dataSource.query(
      `UPDATE task SET due = CASE WHEN id = $1 THEN '2031-01-01'::date ELSE '2020-01-01'::date END,
                                            status = CASE WHEN id = $1 THEN 'in_progress' ELSE 'done' END,
                                            progress = CASE WHEN id = $1 THEN 50 ELSE 100 END`,
      [late.id],
    );
    producer = new NotificationProducer(db.dataSource, () => new Date('2031-01-03T03:00:00Z'));
    await producer.runReminders({ province: 'DNG', asOf: '2031-01-03' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("lists only one's own notifications, with the unread count, and marks them read", async () => {
    const mine = await reporter.get('/api/v1/notifications').expect(200);
    expect(mine.body).toMatchObject({ total: 1, unread: 1, page: 1 });
    expect(mine.body.items[0]).toMatchObject({
      kind: 'task.overdue',
      title: `Nhiệm vụ quá hạn: ${late.code} quá hạn 2 ngày`,
      link: `#/cong-viec?task=${late.id}`,
      entity: { kind: 'task', id: late.id },
      province: 'DNG',
      readAt: null,
    });
    expect((await otherReporter.get('/api/v1/notifications').expect(200)).body).toMatchObject({ items: [], total: 0, unread: 0 });
    const id = mine.body.items[0].id;
    const refused = await otherReporter.post(`/api/v1/notifications/${id}/read`).set('Accept-Language', 'vi').expect(404);
    expect(refused.body.detail).toContain('Không tìm thấy thông báo');
    await reporter.post(`/api/v1/notifications/${id}/read`).expect(200, { id, read: true });
    const after = await reporter.get('/api/v1/notifications?unread=true').expect(200);
    expect(after.body).toMatchObject({ items: [], total: 0, unread: 0 });
    expect((await reporter.get('/api/v1/notifications').expect(200)).body.items[0].readAt).not.toBeNull();
  });

  it('marks all read at once', async () => {
    expect((await officer.get('/api/v1/notifications').expect(200)).body.unread).toBe(1);
    expect((await officer.post('/api/v1/notifications/read-all').expect(200)).body).toEqual({ updated: 1 });
    expect((await officer.get('/api/v1/notifications').expect(200)).body.unread).toBe(0);
    expect((await officer.post('/api/v1/notifications/read-all').expect(200)).body).toEqual({ updated: 0 });
  });

  it('keeps a choice per kind, defaults for the rest, and refuses an unknown mode', async () => {
    const defaults = await reporter.get('/api/v1/notifications/preferences').expect(200);
    expect(defaults.body.items).toHaveLength(NOTIFICATION_KINDS.length);
    expect(defaults.body.items).toContainEqual({ kind: 'task.overdue', mode: 'both', digest: false });
    const saved = await reporter
      .put('/api/v1/notifications/preferences')
      .send({ items: [{ kind: 'task.overdue', mode: 'in_app', digest: true }] })
      .expect(200);
    expect(saved.body.items).toContainEqual({ kind: 'task.overdue', mode: 'in_app', digest: true });
    expect(saved.body.items).toContainEqual({ kind: 'task.due_soon', mode: 'both', digest: false });
    await reporter
      .put('/api/v1/notifications/preferences')
      .send({ items: [{ kind: 'task.overdue', mode: 'sms', digest: false }] })
      .expect(400);
    await reporter
      .put('/api/v1/notifications/preferences')
      .send({ items: [{ kind: 'no.such', mode: 'both', digest: false }] })
      .expect(400);
    // The officer's own choices are untouched.
    expect((await officer.get('/api/v1/notifications/preferences').expect(200)).body.items).toContainEqual({
      kind: 'task.overdue',
      mode: 'both',
      digest: false,
    });
  });

  it('keeps email addresses unique; deliveries are for officers and admins, never reporters', async () => {
    await officer.put('/api/v1/account/email').send({ email: 'CanBo@DaNang.gov.vn' }).expect(200);
    expect((await officer.get('/api/v1/account/email').expect(200)).body.email).toBe('CanBo@DaNang.gov.vn');
    const taken = await reporter
      .put('/api/v1/account/email')
      .set('Accept-Language', 'vi')
      .send({ email: 'canbo@danang.gov.vn' })
      .expect(409);
    expect(taken.body.detail).toContain('đã được một tài khoản khác sử dụng');
    await reporter.put('/api/v1/account/email').send({ email: 'khong-phai-email' }).expect(400);
    const me = (await reporter.get('/api/v1/account/email').expect(200)).body.accountId;
    await officer.put('/api/v1/account/email').send({ email: 'x@danang.gov.vn', accountId: me }).expect(403);
    await admin.put('/api/v1/account/email').send({ email: 'bcv@danang.gov.vn', accountId: me }).expect(200);

    // A week later the late task is recalled: now with an email to the officer (the reporter chose in-app only).
    await producer.runReminders({ province: 'DNG', asOf: '2031-01-09' });
    await reporter.get('/api/v1/notifications/deliveries?status=pending').expect(403);
    const pending = await officer.get('/api/v1/notifications/deliveries?status=pending').expect(200);
    expect(pending.body.items).toEqual([
      expect.objectContaining({ kind: 'task.overdue', channel: 'email', recipient: 'CanBo@DaNang.gov.vn', status: 'pending', attempts: 0 }),
    ]);
    expect((await officer.get('/api/v1/notifications/deliveries?status=failed').expect(200)).body.items).toEqual([]);
    expect((await admin.get('/api/v1/notifications/deliveries?province=DNG').expect(200)).body.items).toHaveLength(1);
  });

  it("saves a province's reminder days and webhook for officers, never returning the secret", async () => {
    const url = '/api/v1/provinces/DNG/notification-settings';
    const initial = await officer.get(url).expect(200);
    expect(initial.body).toEqual({ province: 'DNG', dueSoonDays: [7, 1], webhookUrl: null, hasWebhookSecret: false, version: 0 });
    const body = {
      dueSoonDays: [3, 10],
      webhookUrl: 'https://zalo-bridge.danang.gov.vn/hook',
      webhookSecret: 'bi-mat-rat-dai-0123456789',
      version: 0,
    };
    const saved = await officer.put(url).send(body).expect(200);
    expect(saved.body).toEqual({ province: 'DNG', dueSoonDays: [10, 3], webhookUrl: body.webhookUrl, hasWebhookSecret: true, version: 1 });
    expect(JSON.stringify(saved.body)).not.toContain(body.webhookSecret);
    await officer
      .put(url)
      .send({ ...body, webhookSecret: undefined })
      .expect(409);
    const kept = await officer
      .put(url)
      .send({ dueSoonDays: [7], webhookUrl: body.webhookUrl, version: 1 })
      .expect(200);
    expect(kept.body).toMatchObject({ dueSoonDays: [7], hasWebhookSecret: true, version: 2 });
    await officer
      .put(url)
      .send({ ...body, webhookUrl: 'ftp://x', version: 2 })
      .expect(400);
    await officer
      .put(url)
      .send({ ...body, dueSoonDays: [0], version: 2 })
      .expect(400);
    await reporter.get(url).expect(403);
    await reporter
      .put(url)
      .send({ ...body, version: 2 })
      .expect(403);
  });
});
