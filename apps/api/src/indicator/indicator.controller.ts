import { Controller, Get, Query } from '@nestjs/common';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { ProvincePageQuery } from '../common/page.query';
import { IndicatorService } from './indicator.service';

@Controller('api/v1/indicators')
export class IndicatorController {
  constructor(private readonly indicators: IndicatorService) {}

  /** The indicators a province tracks, with the national target and the latest computed value. */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ProvincePageQuery) {
    return this.indicators.list(principal, query);
  }
}
