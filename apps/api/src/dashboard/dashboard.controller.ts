import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { ProvinceCodeParam } from '../province/dto/province-code.param';
import { AsOfQuery } from '../status/dto/status.query';
import { DashboardService } from './dashboard.service';

@Controller('api/v1/provinces')
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  /** A leader's first screen for a province, from the computed tables. Sent as serialised (kept while current), with an ETag. */
  @Get(':code/dashboard')
  async dashboard(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ProvinceCodeParam,
    @Query() query: AsOfQuery,
    @Res() res: Response,
  ) {
    const { body, etag } = await this.dashboards.dashboard(principal, params.code, query.as_of);
    res.setHeader('ETag', etag);
    res.type('json').send(body);
  }
}
