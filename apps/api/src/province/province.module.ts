import { Module } from '@nestjs/common';
import { ProvinceRepository } from '@dx/db';
import { ProvinceController } from './province.controller';
import { ProvinceService } from './province.service';

@Module({
  controllers: [ProvinceController],
  providers: [ProvinceService, ProvinceRepository],
  exports: [ProvinceService, ProvinceRepository],
})
export class ProvinceModule {}
