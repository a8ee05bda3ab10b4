import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import type { RequestMeta } from '@dx/db';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ReqMeta } from '../common/request-meta.decorator';
import { ProvinceCodeParam } from '../province/dto/province-code.param';
import { ListSubmissionsQuery, ProvinceSettingsDto, ReturnSubmissionDto, SubmissionIdParam } from './dto/submission.dto';
import { SubmissionService } from './submission.service';

@Controller('api/v1')
export class SubmissionController {
  constructor(private readonly submissions: SubmissionService) {}

  @Roles('admin', 'officer', 'leader', 'reporter')
  @Get('submissions')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListSubmissionsQuery) {
    return this.submissions.list(principal, query);
  }

  /** Applies a reporter's task update or KPI value; it then counts in the statuses. */
  @Roles('admin', 'officer')
  @Post('submissions/:id/approve')
  @HttpCode(200)
  approve(@CurrentPrincipal() principal: Principal, @Param() params: SubmissionIdParam, @ReqMeta() meta: RequestMeta) {
    return this.submissions.approve(principal, params.id, meta);
  }

  /** Sends it back to the reporter with a reason; it never counts. */
  @Roles('admin', 'officer')
  @Post('submissions/:id/return')
  @HttpCode(200)
  reject(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SubmissionIdParam,
    @Body() body: ReturnSubmissionDto,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.submissions.reject(principal, params.id, body.reason, meta);
  }

  @Get('provinces/:code/settings')
  settings(@CurrentPrincipal() principal: Principal, @Param() params: ProvinceCodeParam) {
    return this.submissions.settings(principal, params.code);
  }

  @Roles('admin', 'officer')
  @Put('provinces/:code/settings')
  saveSettings(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ProvinceCodeParam,
    @Body() body: ProvinceSettingsDto,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.submissions.saveSettings(principal, params.code, body.trustReporters, meta);
  }
}
