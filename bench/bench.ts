/**
 * `npm run bench`: every benchmark in one run, each figure against a baseline measured in
 * the same run — the recompute benchmark (at BENCH_SCALE), API reads against a constant
 * route of the same process, task updates with one worker recomputing, plan imports
 * against PostgreSQL COPY, and recompute throughput with 1, 2 and 4 worker processes.
 * Progress goes to stderr; stdout gets one JSON line; docs/benchmarks.md gets the table.
 * Databases (`dx_bench_<run>_*`) and Redis keys (`dx-bench-<run>*`) are removed at the end,
 * also on failure or Ctrl-C. See docs/benchmarks.md for every setting.
 */
import 'reflect-metadata';
import { spawn } from 'child_process';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { cpus, loadavg, totalmem } from 'os';
import { join } from 'path';
import { QUEUE_NAMES, queueConnection } from '@dx/jobs';
import { apiRead } from './api-read';
import { BenchDatabases } from './bench-database';
import { ServiceEnv, signIn, startBenchApi } from './bench-api';
import { renderSection, updateBenchmarksDoc } from './benchmarks-doc';
import { BenchResults, figureRows } from './figure-rows';
import { importFile } from './import-phase';
import { buildNationalDataset } from './national-dataset';
import { builtFile, REPO, stopAll } from './processes';
import { scaleOut } from './scale-out';
import { envNumber, now, progress, round } from './support';
import { syntheticPlan } from './synthetic-plan';
import { writePath } from './write-path';
import { gitCommit } from './git-commit';

const PHASES = ['recompute', 'api', 'write', 'scale-out', 'import'] as const;
type Phase = (typeof PHASES)[number];

const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  scale: envNumber('BENCH_SCALE', 0.2),
  asOf: process.env.BENCH_AS_OF || '2024-06-30',
  connections: envNumber('BENCH_CONNECTIONS', 32),
  durationS: envNumber('BENCH_DURATION_S', 20),
  warmupS: envNumber('BENCH_WARMUP_S', 2),
  writeDurationS: envNumber('BENCH_WRITE_DURATION_S', envNumber('BENCH_DURATION_S', 20)),
  drainTimeoutS: envNumber('BENCH_DRAIN_TIMEOUT_S', 60),
  workerConcurrency: envNumber('BENCH_WORKER_CONCURRENCY', 2),
  scaleOutWorkers: (process.env.BENCH_SCALEOUT_WORKERS || '1,2,4').split(',').map(Number),
  scaleOutDates: envNumber('BENCH_SCALEOUT_DATES', 4),
  planMb: envNumber('BENCH_PLAN_MB', 5),
  importRuns: envNumber('BENCH_IMPORT_RUNS', 5),
  only: new Set((process.env.BENCH_ONLY || PHASES.join(',')).split(',').map((s) => s.trim()) as Phase[]),
  updateDoc: process.env.BENCH_UPDATE_DOC !== '0',
  keepDb: process.env.BENCH_KEEP_DB === '1',
  /** BENCH_CPU_PROF=1: the API and worker processes write V8 CPU profiles into bench-profiles/. */
  cpuProf: process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(REPO, 'bench-profiles')}`] : [],
};

const runId = randomBytes(4).toString('hex');
const databases = new BenchDatabases(settings.adminUrl, runId, settings.keepDb);
const queuePrefixes: string[] = [];

/** The recompute benchmark as its own process (it keeps its own database and prefix); its last stdout line is its JSON. */
function recomputeBench(): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtFile('bench/recompute.bench.js')], {
      cwd: REPO,
      // One scale here (BENCH_SCALES is the recompute benchmark's own multi-scale mode).
      env: { ...process.env, BENCH_SCALE: String(settings.scale), BENCH_SCALES: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`recompute benchmark exited with ${code}`));
      resolve(JSON.parse(last));
    });
  });
}

/** Every queue the run used, both names, with the workers' job schedulers. */
async function removeQueues(): Promise<void> {
  for (const prefix of queuePrefixes) {
    for (const name of Object.values(QUEUE_NAMES)) {
      const { connection } = queueConnection({ backend: 'redis', redisUrl: settings.redisUrl, prefix }, settings.adminUrl);
      const queue = new Queue(name, { connection: connection as never, prefix });
      await queue.obliterate({ force: true }).catch((e: Error) => progress('queue cleanup failed', { prefix, name, error: e.message }));
      await queue.close().catch(() => undefined);
    }
  }
}

let cleaning: Promise<void> | null = null;
const cleanup = () =>
  (cleaning ??= (async () => {
    await stopAll();
    await removeQueues();
    await databases.dropAll();
  })());

async function run(): Promise<BenchResults> {
  const results: BenchResults = { recompute: null, national: null, api: null, write: null, scaleOut: null, imports: null };
  const has = (p: Phase) => settings.only.has(p);
  if (has('recompute')) {
    progress('recompute benchmark', { scale: settings.scale });
    results.recompute = await recomputeBench();
  }
  if (has('api') || has('write') || has('scale-out')) {
    const national = await buildNationalDataset(databases, settings.scale, settings.asOf);
    results.national = { ...national.counts, generate_s: national.generate_s, recompute_s: national.recompute_s };
    const env: ServiceEnv = {
      databaseUrl: national.db.url,
      redisUrl: settings.redisUrl,
      queuePrefix: `dx-bench-${runId}`,
      jwtSecret: randomBytes(32).toString('hex'),
    };
    queuePrefixes.push(env.queuePrefix, ...settings.scaleOutWorkers.map((w) => `${env.queuePrefix}-w${w}`));
    if (has('api') || has('write')) {
      const api = await startBenchApi(env, settings.cpuProf);
      try {
        const token = await signIn(api.url, national.admin.username, national.admin.password);
        if (has('api')) {
          results.api = await apiRead(api.url, token, national.provinceCodes, {
            connections: settings.connections,
            durationS: settings.durationS,
            warmupS: settings.warmupS,
            asOf: settings.asOf,
          });
        }
        if (has('write')) {
          results.write = await writePath(national.db.dataSource, api.url, token, env, {
            connections: settings.connections,
            durationS: settings.writeDurationS,
            drainTimeoutS: settings.drainTimeoutS,
            sampleMs: 250,
            workerConcurrency: settings.workerConcurrency,
          });
        }
      } finally {
        await api.child.stop();
      }
    }
    if (has('scale-out')) {
      results.scaleOut = await scaleOut(national.db.dataSource, env, {
        workerCounts: settings.scaleOutWorkers,
        datesPerRun: settings.scaleOutDates,
        workerConcurrency: settings.workerConcurrency,
        asOf: settings.asOf,
        timeoutS: 600,
      });
    }
    await databases.drop(national.db);
  }
  if (has('import')) {
    const qn = 'data/plans/quang-ninh.yaml';
    results.imports = [
      await importFile(databases, 'qni', qn, readFileSync(join(REPO, qn)), settings.importRuns),
      await importFile(
        databases,
        'synthetic',
        `synthetic ${settings.planMb} MB`,
        syntheticPlan(settings.planMb * 1024 * 1024),
        settings.importRuns,
      ),
    ];
  }
  return results;
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const started = now();
  // Other people's work on the machine shows here (2 = both cores busy before the bench starts).
  const loadAtStart = round(loadavg()[0], 2);
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  let results: BenchResults;
  try {
    results = await run();
  } finally {
    await cleanup();
  }
  const durationS = round((now() - started) / 1000);
  const rows = figureRows(results, settings.scale);
  const goals = rows.filter((r) => r.met !== null).map((r) => ({ figure: r.figure, value: r.value, goal: r.goal, met: r.met }));
  const commit = gitCommit();
  const line = {
    commit,
    date,
    duration_s: durationS,
    scale: settings.scale,
    load_average_at_start: loadAtStart,
    settings: {
      connections: settings.connections,
      duration_s: settings.durationS,
      warmup_s: settings.warmupS,
      write_duration_s: settings.writeDurationS,
      worker_concurrency: settings.workerConcurrency,
      scale_out_workers: settings.scaleOutWorkers,
      scale_out_dates: settings.scaleOutDates,
      plan_mb: settings.planMb,
      as_of: settings.asOf,
      phases: [...settings.only],
    },
    goals_met: goals.filter((g) => g.met).length,
    goals_missed: goals.filter((g) => !g.met).length,
    goals,
    recompute: results.recompute,
    national_dataset: results.national,
    api_read: results.api,
    write_path: results.write,
    import: results.imports,
    scale_out: results.scaleOut,
    cpus: cpus().length,
    node: process.version,
  };
  if (settings.updateDoc && settings.only.size === PHASES.length) {
    const env = ['BENCH_SCALE', 'BENCH_DURATION_S', 'BENCH_WRITE_DURATION_S', 'BENCH_CONNECTIONS']
      .filter((k) => process.env[k])
      .map((k) => `${k}=${process.env[k]}`);
    updateBenchmarksDoc(
      join(REPO, 'docs/benchmarks.md'),
      renderSection(
        {
          date,
          commit,
          durationS,
          command: [...env, 'npm run bench'].join(' '),
          machine: `${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}; load generator, API, worker and PostgreSQL on the same machine, shared with other work (1-minute load average ${loadAtStart} when the run started, ${round(loadavg()[0], 2)} at its end).`,
          notes: [],
        },
        rows,
      ),
    );
    progress('docs/benchmarks.md updated');
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`[bench] failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
