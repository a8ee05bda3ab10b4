import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { TaskController } from './task.controller';
import { TaskService } from './task.service';

@Module({ imports: [ProvinceModule], controllers: [TaskController], providers: [TaskService] })
export class TaskModule {}
