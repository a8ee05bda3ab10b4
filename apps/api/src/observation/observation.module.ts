import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { ObservationController } from './observation.controller';
import { ObservationService } from './observation.service';
import { ObservationBulkService } from './observation-bulk.service';
import { ObservationEditController } from './observation-edit.controller';
import { ObservationEditService } from './observation-edit.service';
import { ObservationTemplateController } from './observation-template.controller';

@Module({
  imports: [ProvinceModule],
  controllers: [ObservationController, ObservationEditController, ObservationTemplateController],
  providers: [ObservationService, ObservationBulkService, ObservationEditService],
})
export class ObservationModule {}
