import { spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { AccountRepository, PlanImporter } from '@dx/db';
import { addDays } from '@dx/domain';
import { manyTasksPlanText, smallPlanText, validPlan } from '../factories/plan-file.factory';
import { writingBackends } from '../support/pg-backends';
import { builtEntry, cleanEnv, runCli, RunningProcess, startBuiltApi } from '../support/run-built';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL, testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const TASKS = 3000;
const ROWS = 10_000;

/**
 * The built API (with its worker, RUN_WORKER=true) killed with SIGKILL in the middle of a
 * large plan import and of a 10,000-row KPI upload, then started again: each is all or
 * nothing, can be sent again, and the worker picks up where it was.
 */
describe('API and worker killed with SIGKILL in the middle of a write', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let api: RunningProcess | null = null;
  let token: string;

  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await db.dataSource.query(sql, params))[0].n;
  const start = async () => {
    api = await startBuiltApi(env);
    return api;
  };
  const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${api!.url}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
  /** Resolves once a transaction on the test database has written rows through a statement like `pattern`. */
  const whenWriting = async (pattern: RegExp) => {
    const watcher = new Client({ connectionString: db.url });
    await watcher.connect();
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { rows } = await watcher.query(
          `SELECT query FROM pg_stat_activity WHERE datname = $1 AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()`,
          [db.name],
        );
        if (rows.some((r: { query: string }) => pattern.test(r.query))) return;
        if (Date.now() > deadline) throw new Error(`no transaction was seen writing ${pattern}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      await watcher.end();
    }
  };
  const orphansEnded = () => waitFor('the killed transaction to end', async () => (await writingBackends(db.name)).length === 0, 30_000);
  /** Sends a request, kills the API once its transaction is writing like `pattern`, and waits for PostgreSQL to end the orphaned transaction. */
  const killWhileWriting = async (send: () => Promise<Response>, pattern: RegExp) => {
    const inFlight = send().then(
      (res) => `answered ${res.status}`,
      () => 'no answer',
    );
    await whenWriting(pattern);
    await api!.stop('SIGKILL');
    api = null;
    expect(await inFlight).toBe('no answer');
    await orphansEnded();
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('FRS')), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    // A fixed secret, so a token signed before a restart is still good after it.
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `dx-test-${testRunId()}-rs`,
      PORT: '0',
      JWT_SECRET: 'restart-test-secret-0123456789-abcdef',
      RUN_WORKER: 'true',
      RECOMPUTE_DEBOUNCE_MS: '0',
      WORKER_LOCK_DURATION_MS: '2000',
      LOG_LEVEL: 'warn',
    };
    const username = 'admin-restart';
    const { password } = await new AccountRepository(db.dataSource).create({ username, displayName: username, role: 'admin' });
    await start();
    const login = await fetch(`${api!.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    token = (await login.json()).accessToken;
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await db?.drop();
  });

  it(`a plan import of ${TASKS} tasks: nothing of it after the kill, all of it when sent again`, async () => {
    const plan = manyTasksPlanText('FRL', TASKS);
    const importPlan = () =>
      call('/api/v1/plans/import?file=lon.yaml', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: plan });
    const rowsOf = async () => ({
      provinces: await count(`SELECT count(*)::int AS n FROM org_unit WHERE code = 'FRL'`),
      tasks: await count(
        `SELECT count(*)::int AS n FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = 'FRL'`,
      ),
      runs: await count(`SELECT count(*)::int AS n FROM import_run WHERE file_name = 'lon.yaml'`),
      audits: await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'plan.import' AND after->>'province' = 'FRL'`),
    });
    // Killed once the import has begun writing its tasks (of six batches).
    await killWhileWriting(importPlan, /INSERT INTO "task"/);
    expect(await rowsOf()).toEqual({ provinces: 0, tasks: 0, runs: 0, audits: 0 });

    await start();
    const again = await importPlan();
    expect(again.status).toBe(200);
    expect((await again.json()).counts.tasks).toMatchObject({ created: TASKS });
    expect(await rowsOf()).toEqual({ provinces: 1, tasks: TASKS, runs: 1, audits: 1 });
  }, 120_000);

  it(`a bulk upload of ${ROWS.toLocaleString('en')} KPI values: nothing after the kill, not even its Idempotency-Key; sent again, every row once; the restarted worker computes them`, async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      indicator: 'dvc-toan-trinh',
      province: 'FRS',
      period: addDays('2000-01-01', i),
      value: String(i % 100),
    }));
    const upload = () =>
      call('/api/v1/observations/bulk', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'restart-bulk-1' },
        body: JSON.stringify({ rows }),
      });
    const rowsOf = async () => ({
      values: await count(
        `SELECT count(*)::int AS n FROM observation o JOIN org_unit u ON u.id = o.org_unit_id WHERE u.code = 'FRS' AND o.period_kind = 'day'`,
      ),
      audits: await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'observation.create' AND after->>'bulk' = 'true'`),
      outbox: await count(`SELECT count(*)::int AS n FROM outbox WHERE period LIKE '____-__-__'`),
      keys: await count(`SELECT count(*)::int AS n FROM idempotency_key WHERE key = 'restart-bulk-1'`),
    });
    // Killed once the upload has begun writing its rows (after checking them all).
    await killWhileWriting(upload, /INSERT INTO observation/);
    expect(await rowsOf()).toEqual({ values: 0, audits: 0, outbox: 0, keys: 0 });

    await start();
    const again = await upload();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ total: ROWS, created: ROWS });
    expect(await rowsOf()).toEqual({ values: ROWS, audits: ROWS, outbox: ROWS, keys: 1 });
    const replay = await upload();
    expect(await replay.json()).toMatchObject({ total: ROWS, created: ROWS });
    expect((await rowsOf()).values).toBe(ROWS);

    // The worker inside the restarted API relays and computes everything, the earlier import's rows included.
    await waitFor(
      'the restarted worker to process the outbox',
      async () => (await count(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL OR kpi_processed_at IS NULL`)) === 0,
      60_000,
      250,
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM kpi_comparison k JOIN org_unit u ON u.id = k.org_unit_id WHERE u.code = 'FRS' AND k.period LIKE '____-__-__'`,
      ),
    ).toBe(ROWS);
  }, 120_000);

  it(`\`cli import\` of ${TASKS} tasks killed while it writes: nothing of it; run again, all of it`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dx-restart-'));
    const file = join(dir, 'cli.yaml');
    writeFileSync(file, manyTasksPlanText('FRC', TASKS));
    const tasksOf = () =>
      count(
        `SELECT count(*)::int AS n FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = 'FRC'`,
      );
    try {
      const cli = spawn(process.execPath, [builtEntry('cli'), 'import', file], {
        env: cleanEnv({ DATABASE_URL: db.url }),
        stdio: 'ignore',
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => cli.once('exit', (_code, signal) => resolve(signal)));
      await whenWriting(/INSERT INTO "task"/);
      cli.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      await orphansEnded();
      expect(await tasksOf()).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM import_run WHERE file_name = 'cli.yaml'`)).toBe(0);

      const again = runCli(['import', file], { DATABASE_URL: db.url });
      expect(again.status).toBe(0);
      expect(await tasksOf()).toBe(TASKS);
      expect(await count(`SELECT count(*)::int AS n FROM import_run WHERE file_name = 'cli.yaml'`)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
