import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { StatusController } from './status.controller';
import { StatusService } from './status.service';
import { SummaryCache } from './summary-cache';

@Module({ imports: [ProvinceModule], controllers: [StatusController], providers: [StatusService, SummaryCache], exports: [SummaryCache] })
export class StatusModule {}
