import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { ReminderDispatchController } from './reminder-dispatch.controller';
import { ReminderDispatchService } from './reminder-dispatch.service';

/** The official reminder dispatches (công văn đôn đốc), made on request. */
@Module({ imports: [ProvinceModule], controllers: [ReminderDispatchController], providers: [ReminderDispatchService] })
export class ReminderDispatchModule {}
