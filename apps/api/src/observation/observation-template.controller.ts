import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { ProvinceRepository, trackedIndicators } from '@dx/db';
import { Principal, todayIn } from '@dx/domain';
import { TIME_ZONE } from '@dx/status-engine';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { ProvinceCodeParam } from '../province/dto/province-code.param';
import { readableProvinceId } from '../common/readable-province';
import { XLSX_TYPE } from './bulk-parse';
import { observationTemplateCsv, observationTemplateXlsx } from './observation-template';

/** A file to fill in and upload to POST /api/v1/observations/bulk: the province's indicators, Vietnamese column names, an example row. */
@Controller('api/v1/provinces')
export class ObservationTemplateController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
  ) {}

  private async indicators(principal: Principal, code: string) {
    const provinceId = await readableProvinceId(this.provinces, principal, code);
    return trackedIndicators(this.dataSource, provinceId);
  }

  /** CSV as Excel set to Vietnamese saves it (UTF-8 with a BOM, `;`, decimal comma). */
  @Get(':code/observation-template.csv')
  async csv(@CurrentPrincipal() principal: Principal, @Param() p: ProvinceCodeParam, @Res() res: Response): Promise<void> {
    const bytes = observationTemplateCsv(p.code, await this.indicators(principal, p.code), todayIn(TIME_ZONE, new Date()));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="mau-so-lieu-${p.code}.csv"`);
    res.send(bytes);
  }

  @Get(':code/observation-template.xlsx')
  async xlsx(@CurrentPrincipal() principal: Principal, @Param() p: ProvinceCodeParam, @Res() res: Response): Promise<void> {
    const bytes = await observationTemplateXlsx(p.code, await this.indicators(principal, p.code), todayIn(TIME_ZONE, new Date()));
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="mau-so-lieu-${p.code}.xlsx"`);
    res.send(bytes);
  }
}
