import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

@Module({ imports: [ProvinceModule], controllers: [DashboardController], providers: [DashboardService] })
export class DashboardModule {}
