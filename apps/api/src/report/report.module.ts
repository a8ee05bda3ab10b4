import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { ReportController } from './report.controller';
import { ReportService } from './report.service';

@Module({ imports: [ProvinceModule], controllers: [ReportController], providers: [ReportService] })
export class ReportModule {}
