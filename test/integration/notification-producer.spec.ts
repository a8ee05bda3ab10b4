import {
  AccountRepository,
  AuditRepository,
  DirectiveRepository,
  DeliveryRepository,
  NotificationInboxRepository,
  PlanImporter,
  SubmissionRepository,
} from '@dx/db';
import { DeliveryProcessor, NotificationProducer } from '@dx/jobs';
import { manyTasksPlanText, validPlan } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The producer against real PostgreSQL: reminders, submissions and decisions become notifications once each. */
describe('NotificationProducer', () => {
  let db: TestDatabase;
  let producer: NotificationProducer;
  let province: string;
  const ids: Record<string, string> = {};
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const inbox = async (username: string) =>
    q(`SELECT n.kind, n.title, n.body, n.link FROM notification n WHERE n.account_id = $1 ORDER BY n.created_at, n.title`, [ids[username]]);

  beforeAll(async () => {
    db = await createTestDatabase();
    const now = new Date();
    await new PlanImporter(db.dataSource).run(validPlan(manyTasksPlanText('NTF', 2)), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now,
    });
    [{ id: province }] = await q(`SELECT id FROM org_unit WHERE kind = 'province' AND code = 'NTF'`);
    const accounts = new AccountRepository(db.dataSource);
    for (const [username, role, orgUnit] of [
      ['canbo1', 'officer', 'NTF'],
      ['canbo2', 'officer', 'NTF'],
      ['bcv.stttt', 'reporter', 'STTTT'],
      ['bcv.vp', 'reporter', 'VPUBND'],
      ['lanhdao', 'leader', 'NTF'],
    ] as const) {
      const { account } = await accounts.create({
        username,
        displayName: username,
        role,
        province: 'NTF',
        orgUnit,
        password: 'mat-khau-dai-12345',
      });
      ids[username] = account.id;
    }
    await new NotificationInboxRepository(db.dataSource).setEmail(ids.canbo1, 'canbo1@ntf.gov.vn');
    // NV1.1 (STTTT) is late on 2031-01-03; NV1.2 (VPUBND) is due a week later.
    await q(`UPDATE task SET due = '2031-01-10' WHERE code = 'NV1.2'`);
    producer = new NotificationProducer(db.dataSource, () => new Date('2031-01-03T03:00:00Z'));
    await producer.drain({ graceMs: 0 }); // passes what the import wrote
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('makes one in-app notification per officer and lead agency reporter for a late task; a second pass adds none', async () => {
    const first = await producer.runReminders({ province: 'NTF', asOf: '2031-01-03' });
    const late = first[0].events.find((e) => e.kind === 'task.overdue')!;
    expect(late.inApp.map((r) => r.username).sort()).toEqual(['bcv.stttt', 'canbo1', 'canbo2']);
    expect(late.emails).toEqual([{ username: 'canbo1', email: 'canbo1@ntf.gov.vn' }]);
    const soon = first[0].events.find((e) => e.kind === 'task.due_soon')!;
    expect(soon.inApp.map((r) => r.username).sort()).toEqual(['bcv.vp', 'canbo1', 'canbo2']);
    expect(await inbox('bcv.stttt')).toEqual([
      expect.objectContaining({
        kind: 'task.overdue',
        title: 'Nhiệm vụ quá hạn: NV1.1 quá hạn 3 ngày',
        link: expect.stringMatching(/^#\/cong-viec\?task=/),
      }),
    ]);
    expect((await inbox('bcv.stttt'))[0].body).toContain('hạn 31/12/2030');
    expect(await inbox('lanhdao')).toEqual([]);

    const second = await producer.runReminders({ province: 'NTF', asOf: '2031-01-03' });
    expect(second[0].events.flatMap((e) => [...e.inApp, ...e.emails, ...e.webhooks])).toEqual([]);
    expect(await inbox('canbo1')).toHaveLength(2);
    // A week later the late task is recalled once more.
    const week = await producer.runReminders({ province: 'NTF', asOf: '2031-01-07' });
    expect(week[0].events.flatMap((e) => e.inApp)).toEqual([]);
    const later = await producer.runReminders({ province: 'NTF', asOf: '2031-01-08' });
    expect(later[0].events.find((e) => e.kind === 'task.overdue')!.inApp).toHaveLength(3);
  });

  it("tells the province's officers a submission waits, and the reporter that it was returned, with the reason", async () => {
    const [task] = await q(`SELECT id, version FROM task WHERE code = 'NV1.1'`);
    const submissions = new SubmissionRepository(db.dataSource);
    const audit = new AuditRepository(db.dataSource);
    const reporter = { userId: ids['bcv.stttt'], username: 'bcv.stttt' };
    const s = await submissions.create({
      kind: 'task',
      provinceId: province,
      taskId: task.id,
      baseVersion: task.version,
      payload: { progress: 60 },
      userId: reporter.userId,
      username: reporter.username,
    });
    await audit.append({
      actor: reporter,
      meta: null,
      action: 'task.submit',
      entityKind: 'submission',
      entityId: s.id,
      provinceId: province,
      before: null,
      after: { status: 'submitted' },
    });
    await producer.drain({ graceMs: 0 });
    for (const officer of ['canbo1', 'canbo2'])
      expect(await inbox(officer)).toContainEqual(
        expect.objectContaining({ kind: 'submission.waiting', title: 'Cập nhật chờ duyệt: nhiệm vụ NV1.1' }),
      );
    expect((await inbox('bcv.stttt')).filter((n: { kind: string }) => n.kind === 'submission.waiting')).toEqual([]);

    await submissions.decide(s.id, 'returned', 'canbo1', 'Thiếu văn bản minh chứng');
    const officer = { userId: ids.canbo1, username: 'canbo1' };
    await audit.append({
      actor: officer,
      meta: null,
      action: 'submission.return',
      entityKind: 'submission',
      entityId: s.id,
      provinceId: province,
      before: null,
      after: { status: 'returned', reason: 'Thiếu văn bản minh chứng', decidedBy: 'canbo1' },
    });
    await producer.drain({ graceMs: 0 });
    await producer.drain({ graceMs: 0 });
    const decided = (await inbox('bcv.stttt')).filter((n: { kind: string }) => n.kind === 'submission.decided');
    expect(decided).toEqual([expect.objectContaining({ title: 'Cập nhật bị trả lại: nhiệm vụ NV1.1' })]);
    expect(decided[0].body).toContain('Lý do: Thiếu văn bản minh chứng');
    expect((await inbox('canbo2')).filter((n: { kind: string }) => n.kind === 'submission.decided')).toEqual([]);
  });

  it('tells the assignee agency of a directive, its leader of the answer, and both when it is overdue', async () => {
    const [task] = await q(`SELECT id FROM task WHERE code = 'NV1.2'`);
    const [vp] = await q(`SELECT id FROM org_unit WHERE code = 'VPUBND'`);
    const [{ id }] = await q(
      `INSERT INTO directive (province_id, kind, target_kind, target_id, body, assignee_id, due, created_by_name)
       VALUES ($1, 'directive', 'task', $2, 'Báo cáo tiến độ trước ngày 05/01', $3, '2031-01-05', 'lanhdao') RETURNING id`,
      [province, task.id, vp.id],
    );
    const directives = new DirectiveRepository(db.dataSource);
    const audit = new AuditRepository(db.dataSource);
    const leader = { userId: ids.lanhdao, username: 'lanhdao' };
    const created = await directives.findById(id, '2031-01-03');
    await audit.append({
      actor: leader,
      meta: null,
      action: 'directive.create',
      entityKind: 'directive',
      entityId: id,
      provinceId: province,
      before: null,
      after: created,
    });
    await producer.drain({ graceMs: 0 });
    expect((await inbox('bcv.vp')).filter((n: { kind: string }) => n.kind === 'directive.assigned')).toEqual([
      expect.objectContaining({ title: 'Ý kiến chỉ đạo mới về NV1.2', link: `#/chi-dao?directive=${id}` }),
    ]);
    expect((await inbox('bcv.stttt')).filter((n: { kind: string }) => n.kind.startsWith('directive'))).toEqual([]);

    const overdue = await producer.runReminders({ province: 'NTF', asOf: '2031-01-06' });
    const late = overdue[0].events.find((e) => e.kind === 'directive.overdue')!;
    expect(late.inApp.map((r) => r.username).sort()).toEqual(['bcv.vp', 'lanhdao']);

    await q(
      `UPDATE directive SET status = 'answered', answer = 'Đã hoàn thành 80%', answered_by_name = 'bcv.vp', answered_at = now() WHERE id = $1`,
      [id],
    );
    const answered = await directives.findById(id, '2031-01-06');
    const reporter = { userId: ids['bcv.vp'], username: 'bcv.vp' };
    await audit.append({
      actor: reporter,
      meta: null,
      action: 'directive.answer',
      entityKind: 'directive',
      entityId: id,
      provinceId: province,
      before: created,
      after: answered,
    });
    await producer.drain({ graceMs: 0 });
    const toLeader = (await inbox('lanhdao')).filter((n: { kind: string }) => n.kind === 'directive.answered');
    expect(toLeader).toEqual([expect.objectContaining({ body: 'bcv.vp trả lời: Đã hoàn thành 80%' })]);
  });

  it("gathers a day's goal status changes in one notification per leader and officer", async () => {
    const [goal] = await q(`SELECT id FROM goal WHERE code = 'MT1.1'`);
    const add = (from: string, to: string) =>
      q(
        `INSERT INTO status_event (province_id, entity_kind, entity_id, field, from_value, to_value, as_of, reason) VALUES ($1, 'goal', $2, 'status', $3, $4, '2031-01-03', 'test')`,
        [province, goal.id, from, to],
      );
    await add('on_track', 'at_risk');
    await producer.drain({ graceMs: 0 });
    await add('at_risk', 'met');
    await producer.drain({ graceMs: 0 });
    const digest = (await inbox('lanhdao')).filter((n: { kind: string }) => n.kind === 'goal.status_changed');
    expect(digest).toEqual([expect.objectContaining({ title: 'Tình trạng mục tiêu thay đổi ngày 03/01/2031' })]);
    expect(digest[0].body).toBe('Mục tiêu MT1.1: đúng tiến độ → có nguy cơ chậm\nMục tiêu MT1.1: có nguy cơ chậm → đạt');
    expect((await inbox('canbo2')).filter((n: { kind: string }) => n.kind === 'goal.status_changed')).toHaveLength(1);
    expect((await inbox('bcv.vp')).filter((n: { kind: string }) => n.kind === 'goal.status_changed')).toEqual([]);
  });

  it('leaves deliveries pending without a channel, and retries a failing one with backoff until it is sent once', async () => {
    const processor = new DeliveryProcessor(db.dataSource, { retryBaseMs: 0, leaseMs: 0 });
    expect(await processor.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    const pending = await q(`SELECT id FROM notification_delivery WHERE channel = 'email' AND status = 'pending'`);
    expect(pending.length).toBeGreaterThan(0);
    const sent: string[] = [];
    let failures = 2;
    const flaky = pending[0].id;
    processor.register({
      channel: 'email',
      send: async (d) => {
        if (d.id === flaky && failures-- > 0) throw new Error('421 thử lại sau');
        sent.push(d.idempotencyKey);
      },
    });
    for (let i = 0; i < 10 && sent.length < pending.length; i++) await processor.runOnce();
    expect(sent).toHaveLength(pending.length);
    expect(new Set(sent).size).toBe(sent.length);
    expect(await processor.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await new DeliveryRepository(db.dataSource).findById(flaky)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('takes again, once, the deliveries whose worker died after claiming them, when their lease ends', async () => {
    await producer.runReminders({ province: 'NTF', asOf: '2031-01-15' }); // the late tasks' new week: new emails
    const deliveries = new DeliveryRepository(db.dataSource);
    const dead = await deliveries.claim(['email'], 100, 60_000); // claimed, then the worker was killed
    expect(dead.length).toBeGreaterThan(0);
    expect(dead.every((d) => d.recipient === 'canbo1@ntf.gov.vn' && d.attempts === 1)).toBe(true);
    const sent: string[] = [];
    const processor = new DeliveryProcessor(db.dataSource, { retryBaseMs: 0 });
    processor.register({ channel: 'email', send: async (d) => void sent.push(d.id) });
    expect(await processor.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    await q(`UPDATE notification_delivery SET next_attempt_at = now() WHERE id = ANY($1::uuid[])`, [dead.map((d) => d.id)]); // the lease ends
    expect(await processor.runOnce()).toEqual({ sent: dead.length, retried: 0, failed: 0 });
    expect(await processor.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(sent.sort()).toEqual(dead.map((d) => d.id).sort());
    expect(await deliveries.findById(dead[0].id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('leaves an audit row younger than the grace for the next pass', async () => {
    const [s] = await q(`SELECT id FROM submission LIMIT 1`);
    const audit = new AuditRepository(db.dataSource);
    await audit.append({
      actor: null,
      actorLabel: 'cli',
      meta: null,
      action: 'observation.submit',
      entityKind: 'submission',
      entityId: s.id,
      provinceId: province,
      before: null,
      after: {},
    });
    const [{ last_audit_id: before }] = await q(`SELECT last_audit_id FROM notification_cursor WHERE name = 'producer'`);
    await producer.produceOnce({ graceMs: 60_000 });
    expect((await q(`SELECT last_audit_id FROM notification_cursor WHERE name = 'producer'`))[0].last_audit_id).toBe(before);
    await producer.drain({ graceMs: 0 });
    expect(Number((await q(`SELECT last_audit_id FROM notification_cursor WHERE name = 'producer'`))[0].last_audit_id)).toBeGreaterThan(
      Number(before),
    );
  });
});
