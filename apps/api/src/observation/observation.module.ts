import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { ObservationController } from './observation.controller';
import { ObservationService } from './observation.service';

@Module({ imports: [ProvinceModule], controllers: [ObservationController], providers: [ObservationService] })
export class ObservationModule {}
