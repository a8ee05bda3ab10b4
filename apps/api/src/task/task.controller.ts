import { Body, Controller, Get, Headers, Param, Patch, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { RequestMeta } from '@dx/db';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ReqMeta } from '../common/request-meta.decorator';
import { ListTasksQuery, TaskIdParam } from './dto/list-tasks.query';
import { isDefinitionEdit, UpdateTaskDto } from './dto/update-task.dto';
import { languageOf } from '../common/problem';
import { TaskItemService } from '../plan-item/task-item.service';
import { TaskService } from './task.service';

@Controller('api/v1/tasks')
export class TaskController {
  constructor(
    private readonly tasks: TaskService,
    private readonly items: TaskItemService,
  ) {}

  /** A province's tasks, filtered, sorted and paginated. Sent as serialised (kept while current), with an ETag. */
  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListTasksQuery, @Res() res: Response) {
    const { body, etag } = await this.tasks.list(principal, query);
    res.setHeader('ETag', etag);
    res.type('json').send(body);
  }

  /** One task; its ETag is the version to send back in If-Match. */
  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param() params: TaskIdParam, @Res({ passthrough: true }) res: Response) {
    const task = await this.tasks.get(principal, params.id);
    res.setHeader('ETag', `"${task.version}"`);
    return task;
  }

  /**
   * Status, progress, evidence, comment. If-Match is required; a stale version gets 409 with the current task.
   * 200 with the task, or 202 with a submission when a reporter's update waits for an officer. Title, lead,
   * supporting agencies and due date are the province's officers' and admins' to change (issue 19).
   */
  @Roles('admin', 'officer', 'reporter')
  @Patch(':id')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param() params: TaskIdParam,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateTaskDto,
    @ReqMeta() meta: RequestMeta,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (isDefinitionEdit(body)) {
      const edited = await this.items.edit(principal, params.id, ifMatch, body, meta, languageOf(req));
      res.setHeader('ETag', edited.etag);
      return edited.body;
    }
    const result = await this.tasks.update(principal, params.id, ifMatch, body, meta);
    res.status(result.status);
    if (result.etag) res.setHeader('ETag', result.etag);
    return result.body;
  }
}
