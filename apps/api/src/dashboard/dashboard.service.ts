import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectiveRepository, ProvinceRepository, tasksByLead } from '@dx/db';
import { commonMessages, DashboardResponse, DomainError, isIsoDate, Principal, todayIn } from '@dx/domain';
import { kpiHasTarget, StatusReadsRepository, TIME_ZONE } from '@dx/status-engine';
import { SummaryCache } from '../status/summary-cache';

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
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    private readonly summaries: SummaryCache,
    private readonly directives: DirectiveRepository,
    private readonly reads: StatusReadsRepository,
  ) {}

  async dashboard(principal: Principal, code: string, asOf?: string): Promise<DashboardResponse> {
    if (asOf !== undefined && !isIsoDate(asOf)) throw new DomainError('INVALID_DATE', commonMessages.notARealDate('as_of', asOf));
    const today = todayIn(TIME_ZONE, new Date());
    const date = asOf ?? today;
    const { provinceId, kept } = await this.summaries.readable(this.provinces, principal, code, date);
    const { summary } = kept;
    // What depends on today and on every task and directive write is read fresh, in parallel; tasks at an earlier
    // date as the status pass computed them then (not today's states).
    const [byLead, directiveCounts, openDirectives] = await Promise.all([
      date < today ? this.reads.tasksByLead(provinceId, date) : tasksByLead(this.dataSource, provinceId, today),
      this.directives.counts(provinceId, today),
      this.directives.list({ provinceId, status: 'open', kind: 'directive' }, { offset: 0, limit: 10 }, today),
    ]);
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
