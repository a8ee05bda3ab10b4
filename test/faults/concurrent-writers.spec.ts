import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { PlanImporter } from '@dx/db';
import { RecomputeEngine } from '@dx/status-engine';
import { manyTasksPlanText, validPlan } from '../factories/plan-file.factory';
import { lockWaiters } from '../support/pg-backends';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const PROVINCE = 'FCW';
const CLIENTS = 50;
const UPDATES = 20;
/** The tasks every client updates (of the plan's eight), and the KPI periods every client writes (2023-10 exists, the others are new). */
const HOT_TASKS = 5;
const PERIODS = ['2023-10', '2024-01', '2024-02', '2024-03', '2024-04'];
const clock = { now: () => new Date() };

/** A value no other write uses (c: client, k: update, i: row), with no trailing zero so it reads back the same. */
const valueOf = (c: number, k: number, i: number) => `${c}.${String(k).padStart(2, '0')}${i}1`;
type Officer = ReturnType<typeof as>;
interface Outcome {
  kind: 'task' | 'value' | 'bulk';
  status: number;
  /** Task id, or the periods written. */
  target: string | string[];
  /** The comment of a task update, the values of KPI writes (by period). */
  marks: Record<string, string>;
  created?: number;
}

/**
 * Many writers on the same rows through one API: task updates with If-Match, single KPI
 * values and bulk uploads (each in its own order) on the same periods, while a recompute loop
 * runs as the worker would. Every write is applied or refused with 409; the audit log has an
 * entry for each applied one and none for the refused; rows, audit and rollups agree.
 */
describe('50 concurrent writers × 20 updates on the same tasks and KPI values', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officers: Officer[];
  let provinceId: string;
  let tasks: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(manyTasksPlanText(PROVINCE, 8)), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    app = await createTestApp(db, { poolSize: 10 });
    officers = [];
    for (let i = 0; i < 5; i++) officers.push(as(app, (await signIn(app, db, 'officer', PROVINCE, 'STTTT')).token));
    [{ id: provinceId }] = await db.dataSource.query(`SELECT id FROM org_unit WHERE code = $1 AND kind = 'province'`, [PROVINCE]);
    tasks = (
      await db.dataSource.query(
        `SELECT t.id FROM task t JOIN document d ON d.id = t.document_id WHERE d.province_id = $1 ORDER BY t.code`,
        [provinceId],
      )
    ).map((r: { id: string }) => r.id);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** Client `c`'s `k`-th write: a task update (half of them), a single KPI value or a bulk upload of every period. */
  const write = async (officer: Officer, c: number, k: number, versions: Map<string, string>): Promise<Outcome> => {
    const op = (c + k) % 4;
    if (op < 2) {
      const id = tasks[(c * 7 + k) % HOT_TASKS];
      // Mostly the version just read; every fifth write sends the version this client saw last, often stale.
      if (k % 5 !== 4 || !versions.has(id)) versions.set(id, (await officer.get(`/api/v1/tasks/${id}`).expect(200)).headers.etag);
      const comment = `c${c}-u${k}`;
      const res = await officer
        .patch(`/api/v1/tasks/${id}`)
        .set('If-Match', versions.get(id)!)
        .send({ status: 'in_progress', progress: 1 + ((c * 20 + k) % 99), comment });
      if (res.status === 200) versions.set(id, res.headers.etag);
      return { kind: 'task', status: res.status, target: id, marks: { [id]: comment } };
    }
    if (op === 2) {
      const period = PERIODS[(c + k) % PERIODS.length];
      const value = valueOf(c, k, 9);
      const res = await officer.post('/api/v1/observations').send({ indicator: 'dvc-toan-trinh', province: PROVINCE, period, value });
      return { kind: 'value', status: res.status, target: [period], marks: { [period]: value }, created: res.status === 201 ? 1 : 0 };
    }
    // Every period, rotated by client: concurrent uploads lock the same rows in different orders.
    const periods = PERIODS.map((_, i) => PERIODS[(i + c) % PERIODS.length]);
    if (c % 2) periods.reverse();
    const rows = periods.map((period, i) => ({ indicator: 'dvc-toan-trinh', province: PROVINCE, period, value: valueOf(c, k, i) }));
    const res = await officer.post('/api/v1/observations/bulk').send({ rows });
    return {
      kind: 'bulk',
      status: res.status,
      target: periods,
      marks: Object.fromEntries(rows.map((r) => [r.period, r.value])),
      created: res.body?.created ?? 0,
    };
  };

  it('every write is applied or refused with 409; the audit log, the rows and the recomputed rollups agree', async () => {
    const engine = new RecomputeEngine(db.dataSource, clock);
    let writing = true;
    let passes = 0;
    // The worker's part, meanwhile: coalesced recomputes of whatever the outbox says changed.
    const worker = (async () => {
      while (writing) {
        await engine.recompute({ provinceId, trigger: 'outbox', coalesce: true });
        passes++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const outcomes = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const versions = new Map<string, string>();
        const mine: Outcome[] = [];
        for (let k = 0; k < UPDATES; k++) mine.push(await write(officers[c % officers.length], c, k, versions));
        return mine;
      }),
    )
      .then((all) => all.flat())
      .finally(() => {
        writing = false;
      });
    await worker;
    expect(passes).toBeGreaterThan(0);

    // Applied or refused as stale, nothing else.
    const unexpected = outcomes.filter(
      (o) => !(o.kind === 'task' ? [200, 409] : o.kind === 'value' ? [200, 201] : [200]).includes(o.status),
    );
    expect(unexpected.map((o) => `${o.kind} ${o.status}`)).toEqual([]);
    // Concurrent uploads of the same rows wait for each other; none is chosen as a deadlock victim.
    const [{ deadlocks }] = await db.dataSource.query(`SELECT deadlocks::int FROM pg_stat_database WHERE datname = current_database()`);
    expect(deadlocks).toBe(0);
    const taskWrites = outcomes.filter((o) => o.kind === 'task');
    expect(taskWrites.filter((o) => o.status === 409).length).toBeGreaterThan(0);

    // Tasks: one audit entry per applied update, in version order, each starting where the previous ended; the row is the last one.
    for (const id of tasks.slice(0, HOT_TASKS)) {
      const applied = taskWrites.filter((o) => o.target === id && o.status === 200).map((o) => o.marks[id]);
      const refused = taskWrites.filter((o) => o.target === id && o.status === 409).map((o) => o.marks[id]);
      const audit: {
        action: string;
        before: { version: number; progress: number; comment: string | null };
        after: { version: number; progress: number; comment: string };
      }[] = await db.dataSource.query(
        `SELECT action, before, after FROM audit_log WHERE entity_kind = 'task' AND entity_id = $1 ORDER BY id`,
        [id],
      );
      expect(audit.map((a) => a.after.comment).sort()).toEqual([...applied].sort());
      expect(audit.some((a) => refused.includes(a.after.comment))).toBe(false);
      audit.forEach((a, i) => {
        expect([a.action, a.before.version, a.after.version]).toEqual(['task.update', i + 1, i + 2]);
        if (i > 0) expect([a.before.progress, a.before.comment]).toEqual([audit[i - 1].after.progress, audit[i - 1].after.comment]);
      });
      const [row] = await db.dataSource.query(`SELECT version, progress, last_comment FROM task WHERE id = $1`, [id]);
      expect(row.version).toBe(applied.length + 1);
      expect([row.progress, row.last_comment]).toEqual([audit.at(-1)!.after.progress, audit.at(-1)!.after.comment]);
    }

    // KPI values: per period, one audit entry per value written, chained; the first write of a new period is its only "create".
    const kpiWrites = outcomes.filter((o) => o.kind !== 'task');
    for (const period of PERIODS) {
      const written = kpiWrites.flatMap((o) => (o.marks[period] ? [o.marks[period]] : []));
      const [obs] = await db.dataSource.query(
        `SELECT o.id, trim_scale(o.value)::text AS value, o.version FROM observation o JOIN indicator i ON i.id = o.indicator_id
          WHERE o.org_unit_id = $1 AND i.code = 'dvc-toan-trinh' AND o.period = $2`,
        [provinceId, period],
      );
      const audit: { action: string; before: { value: string } | null; after: { value: string } }[] = await db.dataSource.query(
        `SELECT action, before, after FROM audit_log WHERE entity_kind = 'observation' AND entity_id = $1 ORDER BY id`,
        [obs.id],
      );
      expect(audit.map((a) => a.after.value).sort()).toEqual([...written].sort());
      const imported = period === '2023-10';
      expect(audit.filter((a) => a.action === 'observation.create')).toHaveLength(imported ? 0 : 1);
      audit.forEach((a, i) => {
        if (i > 0) expect(a.before?.value).toBe(audit[i - 1].after.value);
        else expect(a.before === null).toBe(!imported);
      });
      expect(obs.value).toBe(audit.at(-1)!.after.value);
      expect(obs.version).toBe(imported ? written.length + 1 : written.length);
    }
    expect(kpiWrites.reduce((n, o) => n + (o.created ?? 0), 0)).toBe(PERIODS.length - 1);

    // After the worker's next pass, the rollup of the task group and the KPI comparisons are those of the final rows.
    await engine.recompute({ provinceId, trigger: 'outbox', coalesce: true });
    const [{ pending }] = await db.dataSource.query(
      `SELECT count(*)::int AS pending FROM outbox WHERE processed_at IS NULL OR kpi_processed_at IS NULL`,
    );
    expect(pending).toBe(0);
    const [expected] = await db.dataSource.query(
      `SELECT round(avg(t.progress), 2)::text AS progress, count(*) FILTER (WHERE t.status = 'in_progress')::int AS in_progress
         FROM task t JOIN task_group g ON g.id = t.group_id WHERE g.code = 'NV1' AND t.document_id IN (SELECT id FROM document WHERE province_id = $1)`,
      [provinceId],
    );
    const [rollup] = await db.dataSource.query(
      `SELECT r.task_progress::text AS progress, (r.task_counts->>'in_progress')::int AS in_progress FROM rollup r JOIN task_group g ON g.id = r.scope_id
        WHERE r.scope_kind = 'task_group' AND g.code = 'NV1' AND r.province_id = $1 AND r.as_of = $2`,
      [provinceId, engine.today()],
    );
    expect({ progress: Number(rollup.progress), inProgress: rollup.in_progress }).toEqual({
      progress: Number(expected.progress),
      inProgress: expected.in_progress,
    });
    const kpis: { period: string; stored: string; computed: string }[] = await db.dataSource.query(
      `SELECT o.period, trim_scale(o.value)::text AS stored, trim_scale(k.value)::text AS computed
         FROM observation o JOIN kpi_comparison k ON k.indicator_id = o.indicator_id AND k.org_unit_id = o.org_unit_id AND k.period = o.period
        WHERE o.org_unit_id = $1 AND o.period = ANY($2) ORDER BY o.period`,
      [provinceId, PERIODS],
    );
    expect(kpis.map((k) => k.period)).toEqual([...PERIODS].sort());
    for (const k of kpis) expect(k.computed).toBe(k.stored);
  }, 120_000);

  /**
   * A write whose transaction is still open when a recompute starts, and commits while it
   * runs: its outbox row must stay pending for the next pass, not be marked done by a pass
   * that never saw its data. `hold` is a table the pass touches after reading its inputs
   * (status pass: recompute_run; KPI pass: kpi_comparison).
   */
  const writeDuringRecompute = async (hold: string, openWrite: (w: Client) => Promise<void>, committedWrite: () => Promise<void>) => {
    const engine = new RecomputeEngine(db.dataSource, clock);
    await engine.recompute({ provinceId, trigger: 'outbox', coalesce: true });
    const writer = new Client({ connectionString: db.url });
    const holder = new Client({ connectionString: db.url });
    await writer.connect();
    await holder.connect();
    try {
      await writer.query('BEGIN');
      await openWrite(writer);
      await committedWrite();
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE ${hold} IN ACCESS EXCLUSIVE MODE`);
      const pass = engine.recompute({ provinceId, trigger: 'outbox', coalesce: true });
      await waitFor('the recompute to reach the held table', async () => (await lockWaiters(db.name)) > 0, 20_000);
      await writer.query('COMMIT');
      await holder.query('COMMIT');
      await pass;
    } finally {
      await writer.end();
      await holder.end();
    }
    // The worker's next pass: whatever is still pending.
    await engine.recompute({ provinceId, trigger: 'outbox', coalesce: true });
    return engine;
  };

  it('a task update committed while the status pass runs reaches the rollup in the next pass', async () => {
    const [open, committed] = [tasks[6], tasks[7]];
    const engine = await writeDuringRecompute(
      'recompute_run',
      async (w) => {
        // The write as the API makes it: the row and its outbox row in one transaction.
        await w.query(`UPDATE task SET progress = 97, status = 'in_progress', version = version + 1 WHERE id = $1`, [open]);
        await w.query(`INSERT INTO outbox (province_id, reason, kpi_processed_at) VALUES ($1, 'task', now())`, [provinceId]);
      },
      async () => {
        const current = await officers[0].get(`/api/v1/tasks/${committed}`).expect(200);
        await officers[0]
          .patch(`/api/v1/tasks/${committed}`)
          .set('If-Match', current.headers.etag)
          .send({ status: 'in_progress', progress: 3 })
          .expect(200);
      },
    );
    const [expected] = await db.dataSource.query(
      `SELECT round(avg(t.progress), 2)::text AS progress FROM task t JOIN document d ON d.id = t.document_id WHERE d.province_id = $1`,
      [provinceId],
    );
    const [rollup] = await db.dataSource.query(
      `SELECT r.task_progress::text AS progress FROM rollup r JOIN task_group g ON g.id = r.scope_id
        WHERE r.scope_kind = 'task_group' AND g.code = 'NV1' AND r.province_id = $1 AND r.as_of = $2`,
      [provinceId, engine.today()],
    );
    expect(Number(rollup.progress)).toBe(Number(expected.progress));
    const [{ pending }] = await db.dataSource.query(`SELECT count(*)::int AS pending FROM outbox WHERE processed_at IS NULL`);
    expect(pending).toBe(0);
  });

  it('a KPI value committed while the KPI pass runs gets its comparison in the next pass', async () => {
    const [{ indicatorId }] = await db.dataSource.query(`SELECT id AS "indicatorId" FROM indicator WHERE code = 'dvc-toan-trinh'`);
    await writeDuringRecompute(
      'kpi_comparison',
      async (w) => {
        await w.query(
          `INSERT INTO observation (indicator_id, org_unit_id, period, period_kind, period_start, period_end, value, entered_by, entered_at)
           VALUES ($1, $2, '2025-01', 'month', '2025-01-01', '2025-01-31', 33, 'jest', now())`,
          [indicatorId, provinceId],
        );
        await w.query(
          `INSERT INTO outbox (province_id, indicator_id, org_unit_id, period, reason) VALUES ($2, $1, $2, '2025-01', 'observation')`,
          [indicatorId, provinceId],
        );
      },
      async () => {
        await officers[0]
          .post('/api/v1/observations')
          .send({ indicator: 'dvc-toan-trinh', province: PROVINCE, period: '2025-02', value: '44' })
          .expect(201);
      },
    );
    const kpis = await db.dataSource.query(
      `SELECT period, trim_scale(value)::text AS value FROM kpi_comparison WHERE org_unit_id = $1 AND period IN ('2025-01', '2025-02') ORDER BY period`,
      [provinceId],
    );
    expect(kpis).toEqual([
      { period: '2025-01', value: '33' },
      { period: '2025-02', value: '44' },
    ]);
  });
});
