import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { IndicatorController } from './indicator.controller';
import { IndicatorService } from './indicator.service';

@Module({ imports: [ProvinceModule], controllers: [IndicatorController], providers: [IndicatorService] })
export class IndicatorModule {}
