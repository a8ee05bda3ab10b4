import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StatusReadsRepository } from '@dx/status-engine';
import { ProvinceModule } from '../province/province.module';
import { StatusController } from './status.controller';
import { StatusService } from './status.service';
import { SummaryCache } from './summary-cache';
import { WorkAnswerCache } from './work-answer-cache';

/** The status engine's reads, on the app's DataSource (libs/status-engine has no Nest module of its own). */
const statusReads = { provide: StatusReadsRepository, useFactory: (ds: DataSource) => new StatusReadsRepository(ds), inject: [DataSource] };

@Module({
  imports: [ProvinceModule],
  controllers: [StatusController],
  providers: [StatusService, SummaryCache, WorkAnswerCache, statusReads],
  exports: [SummaryCache, WorkAnswerCache, StatusReadsRepository],
})
export class StatusModule {}
