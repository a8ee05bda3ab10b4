import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { ProvinceCodeParam } from '../province/dto/province-code.param';
import {
  AsOfQuery,
  ComparisonQuery,
  SummaryQuery,
  GoalIdParam,
  HistoryQuery,
  IndicatorCodeParam,
  IndicatorMapQuery,
  JobIdParam,
} from './dto/status.query';
import { StatusService } from './status.service';

/** Computed statuses (read-only): written by the worker, read here. */
@Controller('api/v1')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  /**
   * Documents, goal groups, goals, rollups and reconciliations, with one page of the KPIs
   * (`kpiPage`, `kpiPageSize`; those with a target first; `kpiPage` in the answer gives the
   * total). Sent as serialised (kept while current); the ETag lets a client ask again with
   * If-None-Match and get 304.
   */
  @Get('provinces/:code/summary')
  async summary(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ProvinceCodeParam,
    @Query() query: SummaryQuery,
    @Res() res: Response,
  ) {
    const { body, etag } = await this.status.summary(principal, params.code, {
      asOf: query.as_of,
      kpiPage: query.kpiPage,
      kpiPageSize: query.kpiPageSize,
    });
    if (etag) res.setHeader('ETag', etag);
    res.type('json').send(body);
  }

  @Get('goals/:id/status')
  goalStatus(@CurrentPrincipal() principal: Principal, @Param() params: GoalIdParam, @Query() query: AsOfQuery) {
    return this.status.goalStatus(principal, params.id, query.as_of);
  }

  /** The province's values of the indicator over its latest periods of one length, oldest first (trend, sparklines). */
  @Get('indicators/:code/history')
  history(@CurrentPrincipal() principal: Principal, @Param() params: IndicatorCodeParam, @Query() query: HistoryQuery) {
    return this.status.history(principal, params.code, query.province, query.limit);
  }

  @Get('indicators/:code/comparison')
  comparison(@CurrentPrincipal() principal: Principal, @Param() params: IndicatorCodeParam, @Query() query: ComparisonQuery) {
    return this.status.comparison(principal, params.code, query.province, query.period);
  }

  /**
   * A period's values by province, ranked: on the map valid at the period's end, or with
   * `map=YYYY-MM-DD` re-aggregated onto a later map (counts and amounts summed, ratios from
   * summed numerators and denominators, scores and ranks per predecessor).
   */
  @Get('indicators/:code/map')
  indicatorMap(@CurrentPrincipal() principal: Principal, @Param() params: IndicatorCodeParam, @Query() query: IndicatorMapQuery) {
    return this.status.indicatorMap(principal, params.code, query);
  }

  @Get('jobs/:id')
  job(@CurrentPrincipal() principal: Principal, @Param() params: JobIdParam) {
    return this.status.job(principal, params.id);
  }
}
