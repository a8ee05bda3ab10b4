import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { StatusModule } from '../status/status.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

@Module({ imports: [ProvinceModule, StatusModule], controllers: [DashboardController], providers: [DashboardService] })
export class DashboardModule {}
