import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO } from '../factories/plan-file.factory';
import { EmbeddedClient, NV3_TASKS, withNv3Tasks } from '@dx/bench/embedded-client';
import { runCli, startBuiltApi } from '../support/run-built';

/**
 * The core loop on the README's first command (`npm start` with no DATABASE_URL and no REDIS_URL):
 * the worker that runs in the API process on BullMQ's PostgreSQL backend in PGlite must take
 * every job, for minutes, and again after a restart. Before the socket layer delivered LISTEN/NOTIFY
 * to the listening connection, the worker blocked for up to an hour after its first idle moment.
 */
describe('npm start (embedded): every job the web and API start finishes, within seconds, for minutes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dx-embedded-loop-'));
  const env = { DX_DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  /** The demo officer's password, printed at the first start only. */
  let officerPassword = '';

  /** The summary of a never-computed date is computed within 10 s. */
  async function newAsOfDate(client: EmbeddedClient, date: string): Promise<void> {
    const first = await client.summary(date);
    expect(first.computedAt).toBeNull();
    expect(first.pendingJob).toEqual(expect.any(String));
    await client.untilVisible(`the summary as of ${date}`, async () => (await client.summary(date)).computedAt !== null, 10_000);
  }

  /** `count` task updates, one every `everyMs`, each visible in the NV3 rollup within 10 s of its commit (untilVisible throws past that). */
  async function taskUpdates(client: EmbeddedClient, count: number, everyMs: number): Promise<void> {
    const started = Date.now();
    for (let i = 0; i < count; i++) {
      const wait = started + i * everyMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const { expected } = await client.updateNextTask(i);
      await client.untilVisible(`update ${i + 1} in the NV3 rollup`, async () => client.nv3CountsAre(expected), 10_000);
    }
  }

  /** Three reports asked in a row all finish. */
  async function threeReports(client: EmbeddedClient): Promise<void> {
    const jobs = [];
    for (const period of ['2023-Q4', '2023', '2024-H1']) jobs.push(await client.orderReport('37/KH-UBND', period));
    for (const job of jobs) {
      const done = await client.untilJobDone(job, 90_000);
      expect(done.state).toBe('completed');
      expect(done.result).toEqual(expect.objectContaining({ reportId: expect.any(String) }));
    }
  }

  it('first start: a new as-of date, 20 task updates over 2 minutes, three reports, a healthy queue', async () => {
    const api = await startBuiltApi(env);
    try {
      officerPassword = /^ {2}stttt\.qni\s+officer\s+(\S+)$/m.exec(api.output())![1];
      const client = await EmbeddedClient.signIn(api.url, 'stttt.qni', officerPassword);
      await client.untilVisible('the demo data computed', async () => (await client.summary()).computedAt !== null, 30_000);

      // NV3 of 37/KH-UBND gets three tasks, imported by the CLI attached to the running server.
      const file = join(dataDir, 'quang-ninh-nv3.yaml');
      writeFileSync(file, withNv3Tasks(readFileSync(join(REPO, 'data/plans/quang-ninh.yaml'), 'utf8')));
      const imported = runCli(['import', file], { DX_DATA_DIR: dataDir });
      expect(imported.stderr).not.toMatch(/^lỗi/m);
      expect(imported.status).toBe(0);
      await client.loadTasks();
      await client.untilVisible(
        'the imported tasks in the rollup',
        async () => client.nv3CountsAre({ not_started: NV3_TASKS.length }),
        10_000,
      );

      await newAsOfDate(client, '2024-12-31');
      await taskUpdates(client, 20, 6_000);
      await threeReports(client);

      // Every job done: nothing waits to start (or only what the last poll just caused, for well under the usual time).
      const health = (await (await fetch(`${api.url}/health`)).json()) as {
        status: string;
        info: { queue: { oldestWaitingMs: number | null } };
      };
      expect(health.status).toBe('ok');
      expect(health.info.queue.oldestWaitingMs ?? 0).toBeLessThan(5_000);
    } finally {
      expect(await api.stop('SIGTERM')).toBe(0);
    }
  }, 300_000);

  it('after a restart with the data present: a new as-of date, task updates and three reports still finish', async () => {
    const api = await startBuiltApi(env);
    try {
      expect(api.output()).not.toMatch(/loaded demo plan/);
      const client = await EmbeddedClient.signIn(api.url, 'stttt.qni', officerPassword);
      await client.loadTasks();
      await newAsOfDate(client, '2023-06-30');
      await taskUpdates(client, 5, 3_000);
      await threeReports(client);
    } finally {
      expect(await api.stop('SIGTERM')).toBe(0);
    }
  }, 240_000);
});
