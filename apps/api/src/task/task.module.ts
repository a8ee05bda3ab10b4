import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { PlanItemModule } from '../plan-item/plan-item.module';
import { StatusModule } from '../status/status.module';
import { TaskController } from './task.controller';
import { TaskService } from './task.service';

@Module({ imports: [ProvinceModule, PlanItemModule, StatusModule], controllers: [TaskController], providers: [TaskService] })
export class TaskModule {}
