import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { DtiController } from './dti.controller';
import { DtiService } from './dti.service';

@Module({ imports: [ProvinceModule], controllers: [DtiController], providers: [DtiService] })
export class DtiModule {}
