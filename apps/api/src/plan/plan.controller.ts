import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request } from 'express';
import type { RequestMeta } from '@dx/db';
import { commonMessages, DomainError, planMessages, Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { languageOf } from '../common/problem';
import { ReqMeta } from '../common/request-meta.decorator';
import { PlanService } from './plan.service';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ImportPlanQuery {
  /** Shown in the import's record. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  file?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'prune must be true or false' })
  prune?: boolean;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dry_run must be true or false' })
  dry_run?: boolean;
}

function body(req: Request): Buffer {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    throw new DomainError('INVALID_INPUT', planMessages.bodyMissing(), {
      errors: [{ path: 'file', messages: [commonMessages.emptyRule()] }],
    });
  }
  return req.body;
}

/** Plan files (dx-tracker/plan@1) as YAML bodies, up to 20 MiB. */
@Controller('api/v1/plans')
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  /** Checks a plan file and lists every error and warning with its line; writes nothing. */
  @Roles('admin', 'officer')
  @Post('validate')
  @HttpCode(200)
  validate(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return this.plans.validate(principal, body(req), languageOf(req));
  }

  /** Checks, then imports in one transaction (422 with every error and nothing written when invalid). */
  @Roles('admin', 'officer')
  @Post('import')
  @HttpCode(200)
  import(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Query() query: ImportPlanQuery, @ReqMeta() meta: RequestMeta) {
    return this.plans.import(
      principal,
      body(req),
      { fileName: query.file ?? 'upload.yaml', prune: query.prune ?? false, dryRun: query.dry_run ?? false, lang: languageOf(req) },
      meta,
    );
  }
}
