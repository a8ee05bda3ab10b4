import { Controller, Get, Param } from '@nestjs/common';
import { ProvinceCodeParam } from './dto/province-code.param';
import { ProvinceService } from './province.service';

@Controller('api/v1/provinces')
export class ProvinceController {
  constructor(private readonly provinces: ProvinceService) {}

  @Get()
  list() {
    return this.provinces.list();
  }

  @Get(':code')
  get(@Param() params: ProvinceCodeParam) {
    return this.provinces.get(params.code);
  }
}
