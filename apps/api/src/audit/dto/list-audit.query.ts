import { IsIn, IsOptional, Matches } from 'class-validator';
import { UUID_PATTERN } from '@dx/domain';
import { IsProvinceCode } from '../../common/fields';
import { PageQuery } from '../../common/page.query';

export const AUDIT_ENTITIES = ['task', 'observation', 'submission', 'directive', 'province', 'report_schedule', 'user'] as const;

export class ListAuditQuery extends PageQuery {
  /** Required except for admins, who may read every province's log. */
  @IsOptional()
  @IsProvinceCode()
  province?: string;

  @IsOptional()
  @IsIn(AUDIT_ENTITIES)
  entity?: (typeof AUDIT_ENTITIES)[number];

  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'id must be an entity id (UUID)' })
  id?: string;
}
