import { Controller, Get, Param, Query } from '@nestjs/common';
import { ProvinceCodeParam } from '../province/dto/province-code.param';
import { AsOfQuery, ComparisonQuery, GoalIdParam, IndicatorCodeParam, JobIdParam } from './dto/status.query';
import { StatusService } from './status.service';

/** Computed statuses (read-only): written by the worker, read here. */
@Controller('api/v1')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get('provinces/:code/summary')
  summary(@Param() params: ProvinceCodeParam, @Query() query: AsOfQuery) {
    return this.status.summary(params.code, query.as_of);
  }

  @Get('goals/:id/status')
  goalStatus(@Param() params: GoalIdParam, @Query() query: AsOfQuery) {
    return this.status.goalStatus(params.id, query.as_of);
  }

  @Get('indicators/:code/comparison')
  comparison(@Param() params: IndicatorCodeParam, @Query() query: ComparisonQuery) {
    return this.status.comparison(params.code, query.province, query.period);
  }

  @Get('jobs/:id')
  job(@Param() params: JobIdParam) {
    return this.status.job(params.id);
  }
}
