import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DirectiveRepository, ProvinceRepository, tasksByLead } from '@dx/db';
import { commonMessages, DashboardResponse, DomainError, isIsoDate, orgMessages, Principal, todayIn } from '@dx/domain';
import { kpiHasTarget, ProvinceSummary, StatusReadsRepository, TIME_ZONE } from '@dx/status-engine';
import { SummaryCache } from '../status/summary-cache';
import { SerialisedAnswer, WorkAnswerCache } from '../status/work-answer-cache';

/** How many KPI highlights a dashboard shows. */
export const KPI_HIGHLIGHTS = 12;

/**
 * What a leader's first screen needs for a province, from the computed tables in a few
 * reads: targets met per document and group with the reconciliation of what was
 * reported, tasks by status and overdue by lead agency, open and overdue directives, and
 * the KPIs that have a target (the ones missing theirs first).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly provinces: ProvinceRepository,
    private readonly summaries: SummaryCache,
    private readonly answers: WorkAnswerCache,
    private readonly reads: StatusReadsRepository,
  ) {}

  /**
   * The dashboard, serialised. Its summary part is the kept summary; the rest depends on today and on every task and
   * directive write. Both are kept together while the province's summary and work stamps are the ones they were read
   * with (WorkAnswerCache). At an earlier date tasks are shown as the status pass computed them then (task_status,
   * which moves the summary stamp: migration 1770000000080).
   */
  async dashboard(principal: Principal, code: string, asOf?: string): Promise<SerialisedAnswer> {
    if (asOf !== undefined && !isIsoDate(asOf)) throw new DomainError('INVALID_DATE', commonMessages.notARealDate('as_of', asOf));
    const today = todayIn(TIME_ZONE, new Date());
    const date = asOf ?? today;
    const [{ provinceId, kept }, work] = await Promise.all([
      this.summaries.readable(this.provinces, principal, code, date),
      this.answers.stampOf(code),
    ]);
    const read = (m: EntityManager) => this.compose(m, kept.summary, provinceId, date, today);
    const answer =
      work?.provinceId === provinceId
        ? await this.answers.answer(`dashboard|${provinceId}|${date}|${today}`, work, read, kept.stamp)
        : null;
    if (!answer) throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(code));
    return answer;
  }

  /** The dashboard from the summary and what the transaction of `m` reads (one query at a time: one connection). */
  private async compose(
    m: EntityManager,
    summary: ProvinceSummary,
    provinceId: string,
    date: string,
    today: string,
  ): Promise<DashboardResponse> {
    const directives = new DirectiveRepository(m);
    // Tasks at an earlier date as the status pass computed them then (not today's states).
    const byLead =
      date < today ? await this.reads.withTransaction(m).tasksByLead(provinceId, date) : await tasksByLead(m, provinceId, today);
    const directiveCounts = await directives.counts(provinceId, today);
    const openDirectives = await directives.list({ provinceId, status: 'open', kind: 'directive' }, { offset: 0, limit: 10 }, today);
    const kpis = summary.kpis
      .filter(kpiHasTarget)
      .map((k) => ({ ...k, met: [k.nationalTarget, ...k.goalTargets].filter((t) => t !== null).every((t) => t!.met) }))
      .sort((a, b) => Number(a.met) - Number(b.met) || a.indicator.code.localeCompare(b.indicator.code))
      .slice(0, KPI_HIGHLIGHTS);
    return {
      province: summary.province,
      asOf: date,
      computedAt: summary.computedAt,
      targets: summary.documents.map((d) => ({
        code: d.code,
        title: d.title,
        scope: d.scope,
        goals: d.rollup.goals,
        groups: d.goalGroups.map((g) => ({ code: g.code, name: g.name, goals: g.rollup.goals })),
        reported: d.claims.map((c) => ({
          scope: c.scope,
          met: c.met,
          of: c.of,
          open: c.open,
          asOf: c.asOf,
          verdict: c.reconciliation?.verdict ?? null,
          computedMet: c.reconciliation?.computedMet ?? null,
        })),
      })),
      tasks: { ...summary.totals.tasks, byLead },
      directives: directiveCounts,
      openDirectives: openDirectives.rows,
      kpis,
    };
  }
}
