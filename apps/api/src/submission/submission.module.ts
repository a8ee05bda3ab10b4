import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { SubmissionController } from './submission.controller';
import { SubmissionService } from './submission.service';

@Module({ imports: [ProvinceModule], controllers: [SubmissionController], providers: [SubmissionService] })
export class SubmissionModule {}
