import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { PlanController } from './plan.controller';
import { PlanService } from './plan.service';

@Module({ imports: [ProvinceModule], controllers: [PlanController], providers: [PlanService] })
export class PlanModule {}
