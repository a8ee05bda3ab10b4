import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { StatusController } from './status.controller';
import { StatusService } from './status.service';

@Module({ imports: [ProvinceModule], controllers: [StatusController], providers: [StatusService] })
export class StatusModule {}
