import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { UUID_PATTERN } from '@dx/domain';
import { IsDateText, IsProvinceCode } from '../../common/fields';
import { PageQuery } from '../../common/page.query';

export const AUDIT_ENTITIES = ['task', 'observation', 'submission', 'directive', 'province', 'report_schedule', 'user'] as const;

/** Which entries (a province's, required except for admins; a kind of item; one item; a date range; a person) and which page. */
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

  /** From this day (Asia/Ho_Chi_Minh), YYYY-MM-DD. */
  @IsOptional()
  @IsDateText('from')
  from?: string;

  /** Up to and including this day (Asia/Ho_Chi_Minh), YYYY-MM-DD. */
  @IsOptional()
  @IsDateText('to')
  to?: string;

  /** Who made the change: part of the account name, any case. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;
}
