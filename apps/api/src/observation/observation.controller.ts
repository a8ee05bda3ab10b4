import { Body, Controller, Get, Headers, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { RequestMeta } from '@dx/db';
import { DomainError, kpiMessages, Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { languageOf } from '../common/problem';
import { ReqMeta } from '../common/request-meta.decorator';
import { CSV_TYPES, rowsFromCsv, rowsFromJson, rowsFromXlsx, XLSX_TYPE } from './bulk-parse';
import { BulkObservationsQuery, CreateObservationDto, ListObservationsQuery } from './dto/create-observation.dto';
import { ObservationBulkService } from './observation-bulk.service';
import { ObservationService } from './observation.service';

@Controller('api/v1/observations')
export class ObservationController {
  constructor(
    private readonly observations: ObservationService,
    private readonly bulkUploads: ObservationBulkService,
  ) {}

  /** KPI values of a province by indicator, org unit and period. */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListObservationsQuery) {
    return this.observations.list(principal, query);
  }

  /**
   * Up to 10,000 KPI values: JSON `{ rows: [...] }`, CSV (text/csv, UTF-8, a header row) or
   * Excel (.xlsx, first sheet, a header row). Every refused row is listed with its path and
   * line; nothing is written unless `partial=true`. `Idempotency-Key` honoured.
   */
  @Roles('admin', 'officer', 'reporter')
  @Post('bulk')
  @HttpCode(200)
  async bulk(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Query() query: BulkObservationsQuery,
    @Headers('idempotency-key') key: string | undefined,
    @ReqMeta() meta: RequestMeta,
  ) {
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new DomainError('INVALID_INPUT', kpiMessages.idempotencyKeyInvalid(), {
        errors: [{ path: 'Idempotency-Key', messages: [kpiMessages.idempotencyKeyRule()] }],
      });
    }
    const rows = req.is(CSV_TYPES)
      ? rowsFromCsv(req.body as Buffer)
      : req.is(XLSX_TYPE)
        ? await rowsFromXlsx(req.body as Buffer)
        : rowsFromJson(req.body);
    return this.bulkUploads.upload(
      principal,
      rows,
      { province: query.province, partial: query.partial ?? false },
      key,
      meta,
      languageOf(req),
    );
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
