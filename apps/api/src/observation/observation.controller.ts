import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { RequestMeta } from '../../../../libs/db/src';
import type { Principal } from '../../../../libs/domain/src';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ReqMeta } from '../common/request-meta.decorator';
import { CreateObservationDto, ListObservationsQuery } from './dto/create-observation.dto';
import { ObservationService } from './observation.service';

@Controller('api/v1/observations')
export class ObservationController {
  constructor(private readonly observations: ObservationService) {}

  /** KPI values of a province by indicator, org unit and period. */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListObservationsQuery) {
    return this.observations.list(principal, query);
  }

  /** One KPI value: 201 created, 200 replaced; `Idempotency-Key` honoured. */
  @Roles('admin', 'officer', 'reporter')
  @Post()
  async record(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateObservationDto,
    @Headers('idempotency-key') key: string | undefined,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.observations.record(principal, body, key, meta);
    res.status(result.status);
    return result.body;
  }
}
