import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { RequestMeta } from '@dx/db';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ReqMeta } from '../common/request-meta.decorator';
import { ObservationIdParam, UpdateObservationDto } from './dto/update-observation.dto';
import { ObservationEditService } from './observation-edit.service';

@Controller('api/v1/observations')
export class ObservationEditController {
  constructor(private readonly edits: ObservationEditService) {}

  /** One KPI value; its ETag is the version to send back in If-Match. */
  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param() params: ObservationIdParam, @Res({ passthrough: true }) res: Response) {
    const value = await this.edits.get(principal, params.id);
    res.setHeader('ETag', `"${value.version}"`);
    return value;
  }

  /**
   * Corrects a stored KPI value (figures, note) with `If-Match: "<version>"` (428 without; 409 with the current value
   * if stale). 200 with the value and its ETag, or 202 with a submission when a reporter's correction waits for approval.
   */
  @Roles('admin', 'officer', 'reporter')
  @Patch(':id')
  async correct(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ObservationIdParam,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateObservationDto,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.edits.correct(principal, params.id, ifMatch, body, meta);
    res.status(result.status);
    if (result.etag) res.setHeader('ETag', result.etag);
    return result.body;
  }

  /** Removes a stored KPI value with `If-Match: "<version>"`: 204; audited, and the KPI pass redoes its period. */
  @Roles('admin', 'officer', 'reporter')
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ObservationIdParam,
    @Headers('if-match') ifMatch: string | undefined,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    await this.edits.remove(principal, params.id, ifMatch, meta);
  }
}
