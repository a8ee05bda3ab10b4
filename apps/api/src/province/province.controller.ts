import { Controller, Get, Param } from '@nestjs/common';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { ProvinceCodeParam } from './dto/province-code.param';
import { ProvinceService } from './province.service';

@Controller('api/v1/provinces')
export class ProvinceController {
  constructor(private readonly provinces: ProvinceService) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal) {
    return this.provinces.list(principal);
  }

  @Get(':code')
  get(@CurrentPrincipal() principal: Principal, @Param() params: ProvinceCodeParam) {
    return this.provinces.get(principal, params.code);
  }
}
