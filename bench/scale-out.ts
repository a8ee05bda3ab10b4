import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { addDays } from '@dx/domain';
import { QUEUE_NAMES, queueConnection, RECOMPUTE_JOBS, RecomputePayload } from '@dx/jobs';
import { ServiceEnv, startWorker } from './bench-api';
import { cpuBusy } from './cpu';
import { Child } from './processes';
import { now, progress, round, sleep } from './support';

export interface ScaleOutSettings {
  workerCounts: number[];
  /** Recompute jobs per worker count: every province at `datesPerRun` as-of dates not computed before. */
  datesPerRun: number;
  workerConcurrency: number;
  asOf: string;
  timeoutS: number;
}

export interface ScaleOutRun {
  workers: number;
  jobs: number;
  seconds: number;
  jobs_per_s: number;
  ratio_vs_1: number | null;
  failed: number;
  /** Busy share of the whole machine (both cores, every process) during the run. */
  cpu_busy_pct: number | null;
}

/**
 * Recompute throughput with N worker processes (the built apps/worker): the queue is
 * paused, the workers start, every province's recompute job at new as-of dates is added
 * (a status pass each: load, rules, diff-write), the queue resumes, and the time until
 * all are done gives jobs/s. Each run uses dates no earlier run computed, so no job is
 * skipped by its fingerprint.
 */
export async function scaleOut(ds: DataSource, env: ServiceEnv, s: ScaleOutSettings): Promise<ScaleOutRun[]> {
  const provinceIds: string[] = (await ds.query(`SELECT id::text FROM org_unit WHERE kind = 'province' ORDER BY code`)).map(
    (r: { id: string }) => r.id,
  );
  const runs: ScaleOutRun[] = [];
  for (const [r, workers] of s.workerCounts.entries()) {
    const prefix = `${env.queuePrefix}-w${workers}`;
    const { connection } = queueConnection({ backend: 'redis', redisUrl: env.redisUrl, prefix }, env.databaseUrl);
    const queue = new Queue(QUEUE_NAMES.recompute, { connection: connection as never, prefix });
    const children: Child[] = [];
    try {
      await queue.pause();
      for (let w = 0; w < workers; w++) {
        children.push(
          await startWorker(
            `worker ${w + 1}/${workers}`,
            { ...env, queuePrefix: prefix },
            { WORKER_CONCURRENCY: String(s.workerConcurrency) },
          ),
        );
      }
      const jobs = [];
      for (let d = 0; d < s.datesPerRun; d++) {
        // Days before the dataset's as-of date, distinct per run.
        const asOf = addDays(s.asOf, -(1 + r * s.datesPerRun + d));
        for (const provinceId of provinceIds) {
          const data: RecomputePayload = { provinceId, asOf, trigger: 'bench' };
          jobs.push({
            name: RECOMPUTE_JOBS.province,
            data,
            opts: { jobId: `bench-${workers}-${d}-${provinceId}`, removeOnComplete: false, removeOnFail: false },
          });
        }
      }
      await queue.addBulk(jobs);
      await sleep(500);
      const cpu = cpuBusy();
      const started = now();
      await queue.resume();
      let counts = { completed: 0, failed: 0 };
      while (counts.completed + counts.failed < jobs.length) {
        if (now() - started > s.timeoutS * 1000)
          throw new Error(`scale-out with ${workers} worker(s): ${counts.completed} of ${jobs.length} jobs done in ${s.timeoutS} s`);
        await sleep(25);
        counts = (await queue.getJobCounts('completed', 'failed')) as typeof counts;
      }
      const seconds = (now() - started) / 1000;
      const run: ScaleOutRun = {
        workers,
        jobs: jobs.length,
        seconds: round(seconds, 2),
        jobs_per_s: round(jobs.length / seconds, 1),
        ratio_vs_1: null,
        failed: counts.failed,
        cpu_busy_pct: cpu(),
      };
      runs.push(run);
      progress('scale-out', { ...run });
    } finally {
      await Promise.all(children.map((c) => c.stop()));
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  }
  const one = runs.find((x) => x.workers === 1);
  for (const run of runs) run.ratio_vs_1 = one ? round(run.jobs_per_s / one.jobs_per_s, 2) : null;
  return runs;
}
