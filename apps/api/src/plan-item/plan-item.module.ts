import { Module } from '@nestjs/common';
import { PlanItemController } from './plan-item.controller';
import { GoalItemService } from './goal-item.service';
import { TaskItemService } from './task-item.service';

/** Tasks and goals added, edited and cancelled in the web app (issue 19). */
@Module({ controllers: [PlanItemController], providers: [TaskItemService, GoalItemService], exports: [TaskItemService] })
export class PlanItemModule {}
