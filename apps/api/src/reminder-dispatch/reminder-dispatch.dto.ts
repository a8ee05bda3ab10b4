import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsDateText, IsProvinceCode } from '../common/fields';
import { SignedDocumentDto } from '../common/signed-document.dto';

export const DISPATCH_MODES = ['per-agency', 'all'] as const;

/** `POST /api/v1/reminders/dispatch`: which dispatches to make and what they print (the number left blank when unset). */
export class ReminderDispatchDto extends SignedDocumentDto {
  @IsProvinceCode()
  province!: string;

  /** Default: today (Asia/Ho_Chi_Minh). */
  @IsOptional()
  @IsDateText('asOf')
  asOf?: string;

  /** `per-agency` (default): one PDF per agency, zipped when several; `all`: one PDF to every agency. */
  @IsOptional()
  @IsIn(DISPATCH_MODES)
  mode?: (typeof DISPATCH_MODES)[number];

  /** Only this lead agency's dispatch (its code). */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  agency?: string;

  /** Tasks due within this many days count as due soon (default 7). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  within?: number;
}
