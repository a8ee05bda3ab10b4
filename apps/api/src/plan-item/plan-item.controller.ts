import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { RequestMeta } from '@dx/db';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ReqMeta } from '../common/request-meta.decorator';
import { languageOf } from '../common/problem';
import {
  CancelDto,
  CreateGoalDto,
  CreateTaskDto,
  DocumentCodeParam,
  NextCodeQuery,
  PlanItemIdParam,
  PlanProvinceQuery,
  UpdateGoalDto,
} from './dto/plan-item.dto';
import { GoalItemService } from './goal-item.service';
import { ItemWriteResult, TaskItemService } from './task-item.service';

function answer(res: Response, result: ItemWriteResult): unknown {
  res.status(result.status);
  res.setHeader('ETag', result.etag);
  return result.body;
}

/**
 * Tasks and goals added, edited and cancelled in the web app (issue 19): officers of the province and admins.
 * Editing a task's title, lead, supporting agencies or due date goes through `PATCH /api/v1/tasks/:id`.
 */
@Controller('api/v1')
export class PlanItemController {
  constructor(
    private readonly tasks: TaskItemService,
    private readonly goals: GoalItemService,
  ) {}

  /** The code a new task of the group would get (`NV3.5`). */
  @Roles('admin', 'officer')
  @Get('documents/:doc/tasks/next-code')
  nextTaskCode(@CurrentPrincipal() principal: Principal, @Param() p: DocumentCodeParam, @Query() q: NextCodeQuery) {
    return this.tasks.nextCode(principal, p.doc, q.province, q.group);
  }

  /** Adds a task to a task group of the document; 201 with the task and its ETag. */
  @Roles('admin', 'officer')
  @Post('documents/:doc/tasks')
  async createTask(
    @CurrentPrincipal() principal: Principal,
    @Param() p: DocumentCodeParam,
    @Query() q: PlanProvinceQuery,
    @Body() body: CreateTaskDto,
    @ReqMeta() meta: RequestMeta,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(res, await this.tasks.create(principal, p.doc, q.province, body, meta, languageOf(req)));
  }

  /** Cancels a task with a reason (If-Match required): kept, shown as "đã hủy". */
  @Roles('admin', 'officer')
  @Post('tasks/:id/cancel')
  @HttpCode(200)
  async cancelTask(
    @CurrentPrincipal() principal: Principal,
    @Param() p: PlanItemIdParam,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CancelDto,
    @ReqMeta() meta: RequestMeta,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(res, await this.tasks.cancel(principal, p.id, ifMatch, body.reason, meta, languageOf(req)));
  }

  /** One goal as the web app edits it; its ETag is the version to send back in If-Match. */
  @Get('goals/:id')
  async getGoal(@CurrentPrincipal() principal: Principal, @Param() p: PlanItemIdParam, @Res({ passthrough: true }) res: Response) {
    const goal = await this.goals.get(principal, p.id);
    res.setHeader('ETag', `"${goal.version}"`);
    return goal;
  }

  @Roles('admin', 'officer')
  @Post('documents/:doc/goals')
  async createGoal(
    @CurrentPrincipal() principal: Principal,
    @Param() p: DocumentCodeParam,
    @Query() q: PlanProvinceQuery,
    @Body() body: CreateGoalDto,
    @ReqMeta() meta: RequestMeta,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(res, await this.goals.create(principal, p.doc, q.province, body, meta, languageOf(req)));
  }

  /** Title, due date or target (If-Match required; 409 with `current` on a stale version). */
  @Roles('admin', 'officer')
  @Patch('goals/:id')
  async updateGoal(
    @CurrentPrincipal() principal: Principal,
    @Param() p: PlanItemIdParam,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateGoalDto,
    @ReqMeta() meta: RequestMeta,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(res, await this.goals.edit(principal, p.id, ifMatch, body, meta, languageOf(req)));
  }

  @Roles('admin', 'officer')
  @Post('goals/:id/cancel')
  @HttpCode(200)
  async cancelGoal(
    @CurrentPrincipal() principal: Principal,
    @Param() p: PlanItemIdParam,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CancelDto,
    @ReqMeta() meta: RequestMeta,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(res, await this.goals.cancel(principal, p.id, ifMatch, body.reason, meta, languageOf(req)));
  }
}
