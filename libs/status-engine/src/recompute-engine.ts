import { createHash, randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { todayIn } from '@dx/domain';
import { Clock, TIME_ZONE } from './clock';
import { computeProvinceStatus } from './compute-province-status';
import { KpiPass, writeKpiComparisons } from './kpi-comparison.writer';
import { KpiPending, OutboxSeen, StatusRepository } from './status.repository';
import { RecomputeRunWriter, RunContext } from './recompute-run.writer';
import { ProvinceWrite, StatusWriter } from './status.writer';

/** Bump when the rules change, so stored results are recomputed even if the data did not change. */
export const ENGINE_VERSION = 3;

/** Provinces whose statuses one transaction of a many-province pass computes (bounds memory; progress moves per batch). */
export const STATUS_BATCH_SIZE = 32;

export interface RecomputeRequest {
  provinceId: string;
  /** Default: today in Asia/Ho_Chi_Minh by the engine's clock. */
  asOf?: string;
  /** Why: `import`, `observation`, `schedule:daily`, `cli`, … (stored with the run and its events). */
  trigger: string;
  jobId?: string;
  /**
   * Recompute even when nothing changed: statuses despite an unchanged fingerprint, and
   * every KPI comparison instead of those pending outbox rows name (the weekly consistency pass).
   */
  force?: boolean;
  /**
   * Also bring the statuses of other provinces with pending outbox rows up to date in the
   * same pass (at most STATUS_BATCH_SIZE in all): a batched pass costs little more than a
   * single one, so under a stream of writes one worker keeps every rollup current instead
   * of queueing a job per province. Their own jobs then find nothing pending.
   */
  coalesce?: boolean;
}

export interface RecomputeOutcome {
  provinceId: string;
  asOf: string;
  /** True when neither statuses nor KPI comparisons had anything to do, so nothing was written. */
  skipped: boolean;
  /** The status run; null when the statuses' inputs were unchanged since the last run at this date. */
  runId: string | null;
  /** Rows of statuses, rollups, reconciliations and KPI comparisons changed. */
  rowsChanged: number;
  kpiRowsChanged: number;
  events: number;
  fingerprint: string;
}

export type ManyRequest = Omit<RecomputeRequest, 'provinceId'>;

/** Reported after each step of a many-province pass: status batches, then the KPI pass. */
export type ManyProgress = (done: number, total: number) => void | Promise<void>;

interface StatusOutcome {
  provinceId: string;
  runId: string | null;
  rowsChanged: number;
  events: number;
  fingerprint: string;
}

/**
 * Recomputes statuses and KPI comparisons. Statuses (goals, tasks, rollups,
 * reconciliations) of a set of provinces are computed in one transaction from a
 * snapshot of their inputs and skipped when the inputs' fingerprint is unchanged. KPI
 * comparisons follow in a transaction of their own: the province's pending outbox
 * rows say which (indicator, org unit) pairs to redo, so a burst of KPI writes does not
 * recompute tens of thousands of rows each time, and a slow KPI pass never holds back
 * a rollup. Recomputes of the same province are serialised by advisory locks, so any
 * number of workers can run them; outbox rows written meanwhile stay pending.
 */
export class RecomputeEngine {
  /** On the DataSource's manager; bound to each pass's transaction with withTransaction. */
  private readonly status: StatusRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.status = new StatusRepository(dataSource.manager);
  }

  today(): string {
    return todayIn(TIME_ZONE, this.clock.now());
  }

  /** One province: its statuses, then its KPI comparisons (pending ones, or all when forced). */
  async recompute(request: RecomputeRequest): Promise<RecomputeOutcome> {
    const asOf = request.asOf ?? this.today();
    // Coalescing: the provinces with pending rows (this one first); none pending, its rows were covered by an earlier pass.
    // Only a pass at today's date covers pending rows (see recomputeStatuses), so only it coalesces.
    const ids =
      request.coalesce && asOf === this.today()
        ? await this.status.pendingProvinces('status', request.provinceId, STATUS_BATCH_SIZE)
        : [request.provinceId];
    const statuses = ids.length ? await this.recomputeStatuses(ids, { ...request, asOf }) : [];
    const status = statuses.find((s) => s.provinceId === request.provinceId) ?? {
      provinceId: request.provinceId,
      runId: null,
      rowsChanged: 0,
      events: 0,
      fingerprint: '',
    };
    const kpiRowsChanged =
      request.coalesce && !request.force && asOf === this.today()
        ? await this.coalescedKpis(request, asOf)
        : await this.recomputeKpis([request.provinceId], { ...request, asOf, pendingOnly: !request.force });
    return outcome(status, asOf, kpiRowsChanged);
  }

  /**
   * The pending KPI rows of the province and of others (up to STATUS_BATCH_SIZE provinces in all), in one pass: the
   * relay sends no job for rows a pass has covered, so under a stream of writes a worker's job keeps every province's
   * KPI comparisons current, as the coalesced status pass keeps its rollups, instead of each province waiting for a
   * job of its own behind the others. The rows changed count for the province only when it had rows pending.
   */
  private async coalescedKpis(request: RecomputeRequest, asOf: string): Promise<number | null> {
    const ids = await this.status.pendingProvinces('kpi', request.provinceId, STATUS_BATCH_SIZE);
    if (!ids.length) return null;
    const rows = await this.recomputeKpis(ids, { ...request, asOf, pendingOnly: true });
    return ids[0] === request.provinceId ? rows : null;
  }

  /**
   * Every province (null) or the given ones: statuses in batches of STATUS_BATCH_SIZE
   * provinces, one transaction each; then KPI comparisons, for every province in one
   * national statement when forced over all of them, else per province as pending
   * outbox rows (or, forced, everything) say.
   */
  async recomputeMany(provinceIds: string[] | null, base: ManyRequest, onProgress?: ManyProgress): Promise<RecomputeOutcome[]> {
    const asOf = base.asOf ?? this.today();
    const ids = provinceIds ?? (await this.status.allProvinceIds());
    const national = provinceIds === null && base.force === true;
    const steps = Math.ceil(ids.length / STATUS_BATCH_SIZE) + (national ? 1 : ids.length);
    let done = 0;
    const step = () => onProgress?.(++done, steps);

    const statuses: StatusOutcome[] = [];
    for (let i = 0; i < ids.length; i += STATUS_BATCH_SIZE) {
      statuses.push(...(await this.recomputeStatuses(ids.slice(i, i + STATUS_BATCH_SIZE), { ...base, asOf })));
      await step();
    }
    const kpiRows = new Map<string, number | null>();
    if (national) {
      await this.recomputeKpis('national', { ...base, asOf, pendingOnly: false });
      await step();
    } else {
      for (const provinceId of ids) {
        kpiRows.set(provinceId, await this.recomputeKpis([provinceId], { ...base, asOf, pendingOnly: !base.force }));
        await step();
      }
    }
    return statuses.map((s) => outcome(s, asOf, national ? 0 : (kpiRows.get(s.provinceId) ?? null)));
  }

  private async recomputeStatuses(provinceIds: string[], request: ManyRequest & { asOf: string }): Promise<StatusOutcome[]> {
    const { asOf } = request;
    return this.dataSource.transaction(async (m) => {
      const repo = this.status.withTransaction(m);
      await repo.lockProvinces('status', provinceIds);
      // An outbox row asks for today's statuses: a pass at another date (a report for a past period, a summary of an
      // earlier date) leaves it pending, else the worker's job would find it done and today's statuses would stay stale.
      const seen: OutboxSeen = asOf === this.today() ? await repo.outboxSeen(provinceIds) : { ids: [], watermarks: new Map() };
      const { watermarks } = seen;
      const inputs = await repo.loadInputs(provinceIds, asOf);
      const last = request.force ? new Map<string, string>() : await repo.lastFingerprints(provinceIds, asOf);
      const writes: ProvinceWrite[] = [];
      const outcomes: StatusOutcome[] = [];
      for (const provinceId of provinceIds) {
        const input = inputs.get(provinceId);
        // Inputs come from ordered queries, so plain JSON is stable; they hold every observation a status reads.
        const fingerprint = input
          ? createHash('sha256')
              .update(JSON.stringify({ v: ENGINE_VERSION, asOf, input }))
              .digest('hex')
          : '';
        if (!input || last.get(provinceId) === fingerprint) {
          outcomes.push({ provinceId, runId: null, rowsChanged: 0, events: 0, fingerprint });
          continue;
        }
        const runId = randomUUID();
        writes.push({ provinceId, runId, status: computeProvinceStatus(input, asOf) });
        outcomes.push({ provinceId, runId, rowsChanged: 0, events: 0, fingerprint });
      }
      if (writes.length) {
        const startedAt = this.clock.now().toISOString();
        const runs = outcomes.filter((o) => o.runId !== null);
        const record = new RecomputeRunWriter(m);
        const context: RunContext = { asOf, trigger: request.trigger, jobId: request.jobId ?? null };
        await record.startStatusRuns(
          runs.map((r) => ({
            runId: r.runId!,
            provinceId: r.provinceId,
            fingerprint: r.fingerprint,
            watermark: watermarks.get(r.provinceId) ?? null,
          })),
          context,
          startedAt,
        );
        const summary = await new StatusWriter(m, writes).write();
        if (summary.events.length) {
          const runOf = new Map(writes.map((w) => [w.provinceId, w.runId]));
          await record.insertEvents(
            summary.events.map((e) => ({ ...e, recompute_id: runOf.get(e.province_id) })),
            context,
          );
        }
        // Per-province figures for the runs and the outcomes.
        const events = countBy(summary.events.map((e) => e.province_id));
        for (const o of runs) o.events = events.get(o.provinceId) ?? 0;
        for (const [provinceId, rows] of summary.rowsByProvince) {
          const o = outcomes.find((x) => x.provinceId === provinceId);
          if (o) o.rowsChanged = rows;
        }
        await record.finishStatusRuns(
          runs.map((r) => ({ runId: r.runId!, rowsChanged: r.rowsChanged, events: r.events })),
          this.clock.now().toISOString(),
        );
      }
      await repo.markOutboxProcessed(seen);
      return outcomes;
    });
  }

  /**
   * One KPI pass in its own transaction, over every province (`national`) or the given ones (recorded under the
   * first). `pendingOnly`: only what their pending outbox rows name, nothing when none are pending; else everything
   * of each. Returns the rows changed, null when there was nothing to do.
   */
  private async recomputeKpis(
    provinces: string[] | 'national',
    request: ManyRequest & { asOf: string; pendingOnly: boolean },
  ): Promise<number | null> {
    return this.dataSource.transaction(async (m) => {
      const repo = this.status.withTransaction(m);
      // The outbox rows this pass covers, read before anything it computes from (see OutboxSeen).
      await repo.lockProvinces('kpi', provinces === 'national' ? await repo.allProvinceIds() : provinces);
      const pending = provinces === 'national' ? null : await repo.kpiPending(provinces);
      if (provinces !== 'national' && request.pendingOnly && pending === null) return null;
      const covered = provinces === 'national' ? await repo.kpiPendingIds() : (pending?.ids ?? []);
      const passes = kpiPasses(provinces, request.pendingOnly ? pending : null);
      const watermark = covered.length ? covered[covered.length - 1] : null;
      const runId = randomUUID();
      const record = new RecomputeRunWriter(m);
      const context: RunContext = { asOf: request.asOf, trigger: request.trigger, jobId: request.jobId ?? null };
      await record.startKpiRun(runId, provinces === 'national' ? null : provinces[0], context, watermark, this.clock.now().toISOString());
      let rows = 0;
      for (const pass of passes) rows += await writeKpiComparisons(m, pass, runId);
      await record.finishKpiRun(runId, rows, this.clock.now().toISOString());
      await repo.markKpiProcessed(covered);
      return rows;
    });
  }
}

/** The statements of a KPI pass: national; each province whole; or what pending rows name (whole where they say so). */
function kpiPasses(provinces: string[] | 'national', pending: KpiPending | null): KpiPass[] {
  if (provinces === 'national') return [{ kind: 'national' }];
  if (!pending) return provinces.map((provinceId) => ({ kind: 'province', provinceId }));
  const whole: KpiPass[] = pending.whole.map((provinceId) => ({ kind: 'province', provinceId }));
  return pending.scoped.length ? [...whole, { kind: 'scoped', provinceIds: pending.scoped, scope: pending.scope }] : whole;
}

/** `kpiRowsChanged` null: the KPI pass had nothing to do. */
function outcome(status: StatusOutcome, asOf: string, kpiRowsChanged: number | null): RecomputeOutcome {
  return {
    provinceId: status.provinceId,
    asOf,
    skipped: status.runId === null && kpiRowsChanged === null,
    runId: status.runId,
    rowsChanged: status.rowsChanged + (kpiRowsChanged ?? 0),
    kpiRowsChanged: kpiRowsChanged ?? 0,
    events: status.events,
    fingerprint: status.fingerprint,
  };
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}
