import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'fs';
import { join } from 'path';
import { DirectiveRepository, TaskRepository } from '@dx/db';
import { RecomputeEngine } from '@dx/status-engine';
import { WORK_STAMP_SOURCES } from '@dx/migrations/1770000000080-work-stamp';
import { DA_NANG_FILE, importPlanFiles, QUANG_NINH_FILE, REPO } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

type Client = ReturnType<typeof as>;
interface Task {
  id: string;
  code: string;
  title: string;
  document: string;
  group: string;
  lead: { code: string; name: string };
  support: string[];
  overdue: boolean | null;
}

const LIST = '/api/v1/tasks?province=DNG&pageSize=200';
const DASHBOARD = '/api/v1/provinces/DNG/dashboard';

describe('task list and dashboard kept serialised while nothing they show has changed (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: Client;
  let taskId: string;
  let documentId: string;
  let provinceId: string;
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const list = async (c: Client = admin) => (await c.get(LIST).expect(200)).body as { items: Task[]; etag?: string };
  const task = async () => (await list()).items.find((t) => t.id === taskId)!;
  const dashboard = async (c: Client = admin) => (await c.get(DASHBOARD).expect(200)).body;
  /** Counts the page reads and the dashboard's directive reads, which only a request not served from memory makes. */
  const spies = () => [jest.spyOn(TaskRepository.prototype, 'list'), jest.spyOn(DirectiveRepository.prototype, 'counts')];

  beforeAll(async () => {
    db = await createTestDatabase();
    await importPlanFiles(db.dataSource, QUANG_NINH_FILE, DA_NANG_FILE);
    app = await createTestApp(db);
    admin = as(app, (await signIn(app, db, 'admin')).token);
    [{ id: provinceId }] = await q(`SELECT id FROM org_unit WHERE kind = 'province' AND code = 'DNG'`);
    [{ id: taskId, document_id: documentId }] = await q(
      `SELECT t.id, t.document_id FROM task t JOIN document d ON d.id = t.document_id WHERE d.province_id = $1 ORDER BY t.code LIMIT 1`,
      [provinceId],
    );
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('serves an identical request from memory: the same bytes and ETag without reading the tasks or directives again', async () => {
    for (const url of [LIST, DASHBOARD]) {
      const first = await admin.get(url).expect(200);
      const [pages, counts] = spies();
      const again = await admin.get(url).expect(200);
      expect({ url, calls: [pages.mock.calls.length, counts.mock.calls.length] }).toEqual({ url, calls: [0, 0] });
      expect(again.text).toBe(first.text);
      expect(again.headers.etag).toMatch(/^"[\w-]{27}"$/);
      expect(again.headers.etag).toBe(first.headers.etag);
      await admin.get(url).set('If-None-Match', first.headers.etag).expect(304);
      // Another page or filter is another answer.
      await admin.get(`${url}${url.includes('?') ? '&' : '?'}${url === LIST ? 'status=done' : 'as_of=2099-12-31'}`).expect(200);
      expect(pages.mock.calls.length + counts.mock.calls.length).toBe(1);
      jest.restoreAllMocks();
    }
  });

  it('shows a committed change to every table the answers read at the next request', async () => {
    const [{ id: leadId }] = await q(`SELECT lead_id AS id FROM task WHERE id = $1`, [taskId]);
    const [{ id: otherId }] = await q(
      `SELECT id FROM org_unit WHERE province_id = $1 AND kind <> 'province' AND id <> $2 ORDER BY code LIMIT 1`,
      [provinceId, leadId],
    );
    const [{ id: goalId, group_id: goalGroupId }] = await q(`SELECT id, group_id FROM goal WHERE document_id = $1 ORDER BY code LIMIT 1`, [
      documentId,
    ]);
    const directive = (kind: string, id: string) =>
      q(
        `INSERT INTO directive (province_id, kind, target_kind, target_id, body, created_by_name) VALUES ($1, 'directive', $2, $3, 'Chỉ đạo', 'jest')`,
        [provinceId, kind, id],
      );
    const targets = async () => ((await dashboard()).openDirectives as { targetCode: string }[]).map((d) => d.targetCode).sort();
    const changes: [table: string, change: () => Promise<unknown>, shown: () => Promise<unknown>][] = [
      ['task', () => q(`UPDATE task SET title = 'Nhiệm vụ đã sửa' WHERE id = $1`, [taskId]), async () => (await task()).title],
      [
        'task',
        () => q(`UPDATE task SET status = CASE WHEN status = 'done' THEN 'in_progress' ELSE 'done' END WHERE id = $1`, [taskId]),
        async () => (await dashboard()).tasks.byLead,
      ],
      [
        'task_support',
        () => q(`INSERT INTO task_support (task_id, org_unit_id, position) VALUES ($1, $2, 9)`, [taskId, otherId]),
        async () => (await task()).support,
      ],
      [
        'task_group',
        () => q(`UPDATE task_group SET code = 'NV-SUA' WHERE id = (SELECT group_id FROM task WHERE id = $1)`, [taskId]),
        async () => (await task()).group,
      ],
      ['document', () => q(`UPDATE document SET code = 'VB-SUA' WHERE id = $1`, [documentId]), async () => (await task()).document],
      ['org_unit', () => q(`UPDATE org_unit SET name = 'Sở đã đổi tên' WHERE id = $1`, [leadId]), async () => (await task()).lead.name],
      ['directive', () => directive('goal', goalId), async () => (await dashboard()).directives],
      ['goal', () => q(`UPDATE goal SET code = 'MT-SUA' WHERE id = $1`, [goalId]), targets],
      ['directive', () => directive('goal_group', goalGroupId), targets],
      ['goal_group', () => q(`UPDATE goal_group SET code = 'NMT-SUA' WHERE id = $1`, [goalGroupId]), targets],
    ];
    for (const [table, change, shown] of changes) {
      const before = JSON.stringify(await shown());
      expect(JSON.stringify(await shown())).toBe(before); // served again, as kept
      await change();
      expect({ table, shown: JSON.stringify(await shown()) }).not.toEqual({ table, shown: before });
    }
    expect(await task()).toMatchObject({ title: 'Nhiệm vụ đã sửa', group: 'NV-SUA', document: 'VB-SUA', lead: { name: 'Sở đã đổi tên' } });
    expect(await targets()).toEqual(['MT-SUA', 'NMT-SUA']);
  });

  it('has work stamp triggers on every table the task list and the dashboard read, each moving the stamp', async () => {
    // The task list's and the dashboard's live reads: the task and directive repositories (tasksByLead is in the first).
    const source = ['libs/db/src/repositories/task.repository.ts', 'libs/db/src/repositories/directive.repository.ts']
      .map((file) => readFileSync(join(REPO, file), 'utf8'))
      .join('\n');
    // Tables named after FROM or JOIN (`t` is the task update's CTE).
    const read = new Set([...source.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/g)].map((m) => m[1]).filter((t) => t !== 't'));
    expect([...read].sort()).toEqual(Object.keys(WORK_STAMP_SOURCES).sort());
    // A directive, so that every table has a row of the province to rewrite.
    await q(
      `INSERT INTO directive (province_id, kind, target_kind, target_id, body, created_by_name) VALUES ($1, 'comment', 'task', $2, 'Ý kiến', 'jest')`,
      [provinceId, taskId],
    );
    const stamp = async () => JSON.stringify(await q(`SELECT version, xmin::text FROM work_stamp WHERE province_id = $1`, [provinceId]));
    for (const table of Object.keys(WORK_STAMP_SOURCES)) {
      const before = await stamp();
      const [{ column }] = await q(
        `SELECT column_name AS column FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position LIMIT 1`,
        [table],
      );
      const row =
        table === 'task_support'
          ? `task_id = '${taskId}'`
          : ['org_unit', 'document', 'directive'].includes(table)
            ? `province_id = '${provinceId}'`
            : `document_id IN (SELECT id FROM document WHERE province_id = '${provinceId}')`;
      const result = await q(`UPDATE ${table} SET "${column}" = "${column}" WHERE ctid = (SELECT ctid FROM ${table} WHERE ${row} LIMIT 1)`);
      expect({ table, rows: result[1] }).toEqual({ table, rows: 1 });
      expect({ table, stamp: await stamp() }).not.toEqual({ table, stamp: before });
    }
  });

  it('at an earlier date, shows a change to the task states the status pass stored there', async () => {
    const asOf = '2023-10-31';
    await new RecomputeEngine(db.dataSource, { now: () => new Date('2023-11-15T00:00:00Z') }).recompute({
      provinceId,
      asOf,
      trigger: 'test',
    });
    const byLead = async () => (await admin.get(`${DASHBOARD}?as_of=${asOf}`).expect(200)).body.tasks.byLead as { overdue: number }[];
    const before = await byLead();
    expect(before.length).toBeGreaterThan(0);
    const [, counts] = spies();
    expect(await byLead()).toEqual(before);
    expect(counts).not.toHaveBeenCalled();
    await q(
      `UPDATE task_status SET overdue = NOT overdue WHERE as_of = $2 AND status <> 'cancelled'
          AND task_id IN (SELECT t.id FROM task t JOIN document d ON d.id = t.document_id WHERE d.province_id = $1)`,
      [provinceId, asOf],
    );
    expect(await byLead()).not.toEqual(before);
  });

  it('does not show a change before it commits, and shows it as soon as it has', async () => {
    const kept = await task();
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`UPDATE task SET title = 'Chưa lưu' WHERE id = $1`, [taskId]);
      expect(await task()).toEqual(kept);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect((await task()).title).toBe('Chưa lưu');
  });

  it("answers by today's date: a task due today becomes overdue at midnight in Việt Nam, with no write", async () => {
    // 23:58 in Asia/Ho_Chi_Minh (UTC+7) on 2199-06-30, then 00:02 on 2199-07-01; only Date is faked.
    const timers = [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
    ] as const;
    jest.useFakeTimers({
      doNotFake: [...timers, 'setTimeout', 'clearTimeout'],
      now: new Date('2199-06-30T16:58:00Z'),
      advanceTimers: true,
    });
    try {
      const late = as(app, (await signIn(app, db, 'admin')).token);
      await q(`UPDATE task SET due = '2199-06-30', status = 'in_progress' WHERE id = $1`, [taskId]);
      const overdueOf = async () => (await list(late)).items.find((t) => t.id === taskId)!.overdue;
      const overdueByLead = async () => ((await dashboard(late)).tasks.byLead as { overdue: number }[]).reduce((n, l) => n + l.overdue, 0);
      const [atNight, dashboardAtNight] = [await overdueOf(), await overdueByLead()];
      expect([await overdueOf(), await overdueByLead()]).toEqual([atNight, dashboardAtNight]);
      jest.setSystemTime(new Date('2199-06-30T17:02:00Z'));
      expect([atNight, await overdueOf()]).toEqual([false, true]);
      expect(await overdueByLead()).toBe(dashboardAtNight + 1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('checks who asks before serving a kept answer: another province gets 403, a reader of the province the same answer', async () => {
    for (const url of [LIST, DASHBOARD]) {
      const kept = await admin.get(url).expect(200);
      const [pages, counts] = spies();
      const viewer = as(app, (await signIn(app, db, 'viewer', 'DNG')).token);
      const reporter = as(app, (await signIn(app, db, 'reporter', 'QNI', 'STTTT')).token);
      const outsider = as(app, (await signIn(app, db, 'leader', 'QNI')).token);
      expect((await viewer.get(url).expect(200)).text).toBe(kept.text);
      await reporter.get(url).expect(403);
      await outsider.get(url).expect(403);
      expect(pages.mock.calls.length + counts.mock.calls.length).toBe(0);
      jest.restoreAllMocks();
    }
  });
});
