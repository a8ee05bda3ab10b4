import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { RequestMeta } from '@dx/db';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ReqMeta } from '../common/request-meta.decorator';
import { AnswerDirectiveDto, CreateDirectiveDto, DirectiveIdParam, ListDirectivesQuery } from './dto/directive.dto';
import { DirectiveService } from './directive.service';

@Controller('api/v1/directives')
export class DirectiveController {
  constructor(private readonly directives: DirectiveService) {}

  /** A leader's directive (chỉ đạo) or a comment on a goal, task or group. */
  @Roles('admin', 'leader', 'officer')
  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateDirectiveDto, @ReqMeta() meta: RequestMeta) {
    return this.directives.create(principal, body, meta);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListDirectivesQuery) {
    return this.directives.list(principal, query);
  }

  @Roles('admin', 'officer', 'reporter')
  @Post(':id/answer')
  @HttpCode(200)
  answer(
    @CurrentPrincipal() principal: Principal,
    @Param() params: DirectiveIdParam,
    @Body() body: AnswerDirectiveDto,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.directives.answer(principal, params.id, body.answer, meta);
  }

  @Roles('admin', 'leader', 'officer')
  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentPrincipal() principal: Principal, @Param() params: DirectiveIdParam, @ReqMeta() meta: RequestMeta) {
    return this.directives.close(principal, params.id, meta);
  }
}
