import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { ObservationController } from './observation.controller';
import { ObservationService } from './observation.service';
import { ObservationBulkService } from './observation-bulk.service';

@Module({ imports: [ProvinceModule], controllers: [ObservationController], providers: [ObservationService, ObservationBulkService] })
export class ObservationModule {}
