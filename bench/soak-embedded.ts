/**
 * `npm run soak:embedded`: the default start (`npm start`, embedded PostgreSQL, the worker in the API
 * process) used for SOAK_DURATION_S seconds (default 300) as an officer would: a task update every
 * 3 s (each must show in the summary's rollup within 10 s), a never-computed as-of date every 30 s
 * (computed within 10 s), a report every 60 s (finished within 90 s). Prints progress on stderr and
 * one JSON line of figures on stdout; exits 1 if anything was late or failed.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EmbeddedClient, withNv3Tasks } from './embedded-client';
import { builtFile, Child, REPO, startNode, stopAll } from './processes';
import { percentile, progress, round, sleep } from './support';

const DURATION_MS = Number(process.env.SOAK_DURATION_S ?? 300) * 1000;
const UPDATE_EVERY_MS = 3_000;
const AS_OF_EVERY_MS = 30_000;
const REPORT_EVERY_MS = 60_000;
const VISIBLE_WITHIN_MS = 10_000;

function summarise(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: values.length, p50_ms: percentile(sorted, 50), p95_ms: percentile(sorted, 95), max_ms: sorted.at(-1) ?? null };
}

/** What the soak measured, in ms, and what went wrong. */
interface SoakFigures {
  failures: string[];
  updates: number[];
  asOfs: number[];
  reports: number[];
}

/** Counts the jobs the API's worker finishes: each logs "job <id> (<name>) done in N ms"; the child keeps only its last 64 kB, so count as lines arrive. */
function countJobsDone(api: Child): () => number {
  let jobsDone = 0;
  let partial = '';
  api.process.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    jobsDone += lines.filter((l) => /job \S+ \([\w-]+\) done in/.test(l)).length;
  });
  return () => jobsDone;
}

/** Signs in as the demo officer once the demo data are computed, and imports the plan with the NV3 tasks the soak updates. */
async function prepare(api: Child, url: string, dataDir: string): Promise<EmbeddedClient> {
  const password = (await api.waitFor(/^ {2}stttt\.qni\s+officer\s+(\S+)$/m))[1];
  const client = await EmbeddedClient.signIn(url, 'stttt.qni', password);
  await client.untilVisible('the demo data computed', async () => (await client.summary()).computedAt !== null, 30_000);
  const file = join(dataDir, 'quang-ninh-nv3.yaml');
  writeFileSync(file, withNv3Tasks(readFileSync(join(REPO, 'data/plans/quang-ninh.yaml'), 'utf8')));
  const imported = spawnSync(process.execPath, [builtFile('apps/cli/src/main.js'), 'import', file], {
    cwd: REPO,
    env: { ...process.env, DX_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);
  await client.loadTasks();
  return client;
}

/** The soak itself: a task update every tick, a new as-of date and a report when their time comes; waits for the last reports. */
async function soak(client: EmbeddedClient, f: SoakFigures): Promise<void> {
  const started = Date.now();
  let nextAsOf = started;
  let nextReport = started + REPORT_EVERY_MS / 2;
  let day = 0;
  const pendingReports: Promise<void>[] = [];
  for (let i = 0; Date.now() - started < DURATION_MS; i++) {
    const tick = started + i * UPDATE_EVERY_MS;
    if (tick > Date.now()) await sleep(tick - Date.now());
    try {
      const { expected } = await client.updateNextTask(i);
      f.updates.push(await client.untilVisible(`update ${i + 1}`, () => client.nv3CountsAre(expected), VISIBLE_WITHIN_MS));
    } catch (error) {
      f.failures.push((error as Error).message);
    }
    if (Date.now() >= nextAsOf) {
      nextAsOf += AS_OF_EVERY_MS;
      const date = new Date(Date.UTC(2023, 0, 1 + 7 * day++)).toISOString().slice(0, 10);
      try {
        await client.summary(date);
        f.asOfs.push(
          await client.untilVisible(`as of ${date}`, async () => (await client.summary(date)).computedAt !== null, VISIBLE_WITHIN_MS),
        );
      } catch (error) {
        f.failures.push((error as Error).message);
      }
    }
    if (Date.now() >= nextReport) {
      nextReport += REPORT_EVERY_MS;
      const ordered = Date.now();
      const job = await client.orderReport('37/KH-UBND', '2023-Q4');
      pendingReports.push(
        client.untilJobDone(job, 90_000).then(
          (done) =>
            done.state === 'completed'
              ? void f.reports.push(Date.now() - ordered)
              : void f.failures.push(`report ${job}: ${done.failedReason}`),
          (error: Error) => void f.failures.push(error.message),
        ),
      );
    }
    if (i % 20 === 19)
      progress('soak', { elapsed_s: round((Date.now() - started) / 1000), updates: f.updates.length, failures: f.failures.length });
  }
  await Promise.all(pendingReports);
}

/** Prints the figures as one JSON line; exit code 1 when anything failed or the API is not healthy. */
async function printFigures(url: string, jobsDone: number, f: SoakFigures): Promise<void> {
  const health = (await (await fetch(`${url}/health`)).json()) as { status: string };
  const figures = {
    duration_s: round(DURATION_MS / 1000),
    jobs_done: jobsDone,
    task_updates_commit_to_visible: summarise(f.updates),
    new_as_of_date_to_computed: summarise(f.asOfs),
    reports_order_to_done: summarise(f.reports),
    health: health.status,
    failures: f.failures.length,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  for (const failure of f.failures.slice(0, 10)) progress('failure', { message: failure });
  if (f.failures.length || health.status !== 'ok') process.exitCode = 1;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dx-soak-'));
  const figures: SoakFigures = { failures: [], updates: [], asOfs: [], reports: [] };
  try {
    const api = startNode('api', builtFile('apps/api/src/main.js'), { DX_DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' });
    const jobsDone = countJobsDone(api);
    const [, url] = await api.waitFor(/running at (http:\/\/[\d.]+:\d+)/);
    const client = await prepare(api, url, dataDir);
    progress('soak started', { url, duration_s: DURATION_MS / 1000 });
    await soak(client, figures);
    await printFigures(url, jobsDone(), figures);
  } finally {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch(async (error: Error) => {
  progress('soak failed', { message: error.message });
  await stopAll();
  process.exit(1);
});
