import { Controller, Get, Param, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DTI_GROUPS, DtiGroup, type Principal } from '@dx/domain';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { ProvinceCodeParam } from '../province/dto/province-code.param';
import { DtiService } from './dti.service';

export class DtiYearParam {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class DtiQuery {
  @IsOptional()
  @IsIn(DTI_GROUPS)
  group: DtiGroup = 'provinces';

  /** Movers: how many rises and falls. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(63)
  limit = 5;
}

/** DTI results: public rankings, readable by every signed-in account. */
@Controller('api/v1/dti')
export class DtiController {
  constructor(private readonly dti: DtiService) {}

  @Get('provinces/:code')
  history(@CurrentPrincipal() principal: Principal, @Param() params: ProvinceCodeParam) {
    return this.dti.history(principal, params.code);
  }

  @Get(':year')
  ranking(@Param() params: DtiYearParam, @Query() query: DtiQuery) {
    return this.dti.ranking(params.year, query.group);
  }

  /** The year's method: pillars, main indices, components, weights where published, crosswalk from earlier years. */
  @Get(':year/framework')
  framework(@Param() params: DtiYearParam, @Query() query: DtiQuery) {
    return this.dti.framework(params.year, query.group);
  }

  @Get(':year/movers')
  movers(@Param() params: DtiYearParam, @Query() query: DtiQuery) {
    return this.dti.movers(params.year, query.group, query.limit);
  }
}
