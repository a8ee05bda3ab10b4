import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { RequestMeta } from '@dx/db';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ReqMeta } from '../common/request-meta.decorator';
import { ProvinceCodeParam } from '../province/dto/province-code.param';
import {
  CreateReportDto,
  CreateScheduleDto,
  ListReportsQuery,
  ListSchedulesQuery,
  ReportFileQuery,
  ReportHeadingDto,
  ReportIdParam,
  ScheduleIdParam,
  UpdateScheduleDto,
} from './dto/report.dto';
import { ReportService } from './report.service';

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

@Controller('api/v1')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get('reports')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListReportsQuery) {
    return this.reports.list(principal, query);
  }

  @Get('reports/:id')
  get(@CurrentPrincipal() principal: Principal, @Param() params: ReportIdParam) {
    return this.reports.get(principal, params.id);
  }

  /** The stored PDF, XLSX or DOCX. */
  @Get('reports/:id/file')
  async file(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ReportIdParam,
    @Query() query: ReportFileQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { bytes, name } = await this.reports.file(principal, params.id, query.format);
    res.setHeader('Content-Type', CONTENT_TYPES[query.format]);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.send(bytes);
  }

  /** Makes a report now: 202 with the job to follow at /api/v1/jobs/:id. */
  @Roles('admin', 'officer', 'leader')
  @Post('reports')
  @HttpCode(202)
  order(@CurrentPrincipal() principal: Principal, @Body() body: CreateReportDto) {
    return this.reports.order(principal, body);
  }

  @Get('provinces/:code/report-heading')
  heading(@CurrentPrincipal() principal: Principal, @Param() params: ProvinceCodeParam) {
    return this.reports.heading(principal, params.code);
  }

  @Roles('admin', 'officer')
  @Put('provinces/:code/report-heading')
  saveHeading(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ProvinceCodeParam,
    @Body() body: ReportHeadingDto,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.reports.saveHeading(principal, params.code, body, meta);
  }

  @Get('report-schedules')
  schedules(@CurrentPrincipal() principal: Principal, @Query() query: ListSchedulesQuery) {
    return this.reports.schedules(principal, query.province);
  }

  @Roles('admin', 'officer')
  @Post('report-schedules')
  createSchedule(@CurrentPrincipal() principal: Principal, @Body() body: CreateScheduleDto, @ReqMeta() meta: RequestMeta) {
    return this.reports.createSchedule(principal, body, meta);
  }

  @Roles('admin', 'officer')
  @Put('report-schedules/:id')
  updateSchedule(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ScheduleIdParam,
    @Body() body: UpdateScheduleDto,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.reports.updateSchedule(principal, params.id, body, meta);
  }

  @Roles('admin', 'officer')
  @Delete('report-schedules/:id')
  @HttpCode(204)
  async deleteSchedule(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ScheduleIdParam,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    await this.reports.deleteSchedule(principal, params.id, meta);
  }
}
