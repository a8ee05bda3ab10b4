import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ProvinceRepository, readIndicatorMap, ReportRepository } from '@dx/db';
import {
  accessMessages,
  assertAccess,
  canRead,
  commonMessages,
  DomainError,
  IndicatorHistory,
  IndicatorMap,
  isIsoDate,
  JobResponse,
  kpiMessages,
  orgMessages,
  Principal,
  readableProvince,
  things,
  todayIn,
} from '@dx/domain';
import { QUEUE_NAMES, RecomputeProducer } from '@dx/jobs';
import { StatusReadsRepository, TIME_ZONE } from '@dx/status-engine';
import { assertReadable, readableProvinceId } from '../common/readable-province';
import { SummaryCache, summaryAnswer } from './summary-cache';

@Injectable()
export class StatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    @InjectQueue(QUEUE_NAMES.recompute) private readonly queue: Queue,
    @InjectQueue(QUEUE_NAMES.reports) private readonly reportQueue: Queue,
    private readonly recompute: RecomputeProducer,
    private readonly summaries: SummaryCache,
    private readonly reads: StatusReadsRepository,
    private readonly reports: ReportRepository,
  ) {}

  private asOf(value: string | undefined): string {
    // PostgreSQL dates reach far, but an as-of date outside 1900–2199 is a typo, not a question.
    if (value !== undefined && (!isIsoDate(value) || value < '1900-01-01' || value > '2199-12-31')) {
      throw new DomainError('INVALID_DATE', commonMessages.asOfOutOfRange(value));
    }
    return value ?? todayIn(TIME_ZONE, new Date());
  }

  /**
   * The stored summary with one page of its KPIs (those with a target first), serialised
   * and kept in memory while current (SummaryCache), with an ETag. A date nothing was
   * computed for yet (an earlier as-of) gets a recompute job; the answer names it
   * (`pendingJob`) so the client can poll /jobs/:id.
   */
  async summary(
    principal: Principal,
    provinceCode: string,
    q: { asOf?: string; kpiPage: number; kpiPageSize: number },
  ): Promise<{ body: Buffer; etag: string | null }> {
    const date = this.asOf(q.asOf);
    const { provinceId, kept } = await this.summaries.readable(this.provinces, principal, provinceCode, date);
    if (kept.summary.computedAt) return kept.answer(q.kpiPage, q.kpiPageSize);
    const job = await this.recompute.provinceAsOf(provinceId, date, 'api:summary');
    return { body: summaryAnswer(kept.summary, q.kpiPage, q.kpiPageSize, job.id ?? null).body, etag: null };
  }

  async goalStatus(principal: Principal, id: string, asOf?: string) {
    const date = this.asOf(asOf);
    const provinceId = await this.reads.provinceOfGoal(id);
    if (!provinceId) throw new DomainError('GOAL_NOT_FOUND', commonMessages.goalNotFound(id));
    await assertReadable(this.provinces, principal, provinceId, things.goal(id));
    const goal = await this.reads.goalStatus(id, date);
    if (!goal) throw new DomainError('GOAL_NOT_FOUND', commonMessages.goalNotFound(id));
    return goal;
  }

  /** The province's values of an indicator over its last `limit` periods (for sparklines). */
  async history(principal: Principal, indicator: string, province: string, limit: number): Promise<IndicatorHistory> {
    const provinceId = await readableProvinceId(this.provinces, principal, province);
    const points = await this.reads.indicatorHistory(indicator, provinceId, limit);
    if (points === null) throw new DomainError('INDICATOR_NOT_FOUND', kpiMessages.indicatorNotFound(indicator));
    return { indicator, province, points };
  }

  async comparison(principal: Principal, indicator: string, province: string, period?: string) {
    await readableProvinceId(this.provinces, principal, province);
    const result = await this.reads.indicatorComparison(indicator, province, period ?? null);
    if (result === 'no-indicator') throw new DomainError('INDICATOR_NOT_FOUND', kpiMessages.indicatorNotFound(indicator));
    if (result === 'no-province') throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(province));
    if (result === null) {
      throw new DomainError('COMPARISON_NOT_FOUND', kpiMessages.noComputedValue(indicator, province, period));
    }
    return result;
  }

  /** Values by province on a map; a province's readers see the rows of their province (and of those it was formed from). */
  async indicatorMap(
    principal: Principal,
    indicator: string,
    query: { province?: string; period: string; map?: string },
  ): Promise<IndicatorMap> {
    if (query.map !== undefined && !isIsoDate(query.map))
      throw new DomainError('INVALID_DATE', commonMessages.notARealDate('map', query.map));
    if (query.province === undefined) {
      assertAccess(readableProvince(principal) === null, accessMessages.onlyAdminsReadAll());
    } else {
      await readableProvinceId(this.provinces, principal, query.province);
    }
    const result = await readIndicatorMap(this.dataSource, indicator, query.period, query.map ?? null);
    if (query.province === undefined) return result;
    const code = query.province;
    const rows = result.rows.filter(
      (r) => r.code === code || r.parts.some((p) => p.code === code) || r.missing.some((p) => p.code === code),
    );
    return { ...result, rows };
  }

  /** The province a job is about: a recompute's own, a report's by its code or schedule; null for national jobs. */
  private async jobProvince(data: Record<string, unknown>): Promise<string | null> {
    if (typeof data.provinceId === 'string') return data.provinceId;
    if (typeof data.province === 'string') return this.provinces.provinceId(data.province);
    if (typeof data.scheduleId === 'string') return (await this.reports.findSchedule(data.scheduleId))?.provinceId ?? null;
    return null;
  }

  /** A recompute or report job: a province's for those who read the province, national ones for admins. */
  async job(principal: Principal, id: string): Promise<JobResponse> {
    const find = async () => (await this.queue.getJob(id)) ?? (await this.reportQueue.getJob(id));
    let job = await find();
    if (!job) throw new DomainError('JOB_NOT_FOUND', commonMessages.jobNotFound(id));
    const provinceId = await this.jobProvince(job.data as Record<string, unknown>);
    assertAccess(provinceId ? canRead(principal, provinceId) : principal.role === 'admin', accessMessages.noAccessTo(things.job(id)));
    // The state is read after the job: a job that finished in between is read again, so its result goes with its state.
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') job = (await find()) ?? job;
    return {
      id: job.id,
      name: job.name,
      state,
      progress: job.progress,
      attemptsMade: job.attemptsMade,
      failedReason: job.failedReason ?? null,
      result: job.returnvalue ?? null,
      createdAt: new Date(job.timestamp).toISOString(),
      processedAt: job.processedOn ? new Date(job.processedOn).toISOString() : null,
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    };
  }
}
