import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { REPORT_FORMATS, REPORT_FREQUENCIES, ReportFormat, ReportFrequency, UUID_PATTERN } from '@dx/domain';
import { ProvincePageQuery } from '../../common/page.query';
import { IsDateText, IsPeriodCode, IsProvinceCode } from '../../common/fields';
import { SignedDocumentDto } from '../../common/signed-document.dto';

export class CreateReportDto extends SignedDocumentDto {
  @IsProvinceCode()
  province!: string;

  /** Document code, e.g. `37/KH-UBND`. */
  @IsString()
  @MaxLength(100)
  document!: string;

  @IsPeriodCode()
  period!: string;

  @IsOptional()
  @IsDateText('asOf')
  asOf?: string;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(REPORT_FORMATS, { each: true })
  formats?: ReportFormat[];
}

export class ListReportsQuery extends ProvincePageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  document?: string;

  @IsOptional()
  @IsPeriodCode()
  period?: string;
}

export class ReportIdParam {
  @Matches(UUID_PATTERN, { message: 'id must be a report id (UUID)' })
  id!: string;
}

export class ReportFileQuery {
  @IsIn(REPORT_FORMATS)
  format!: ReportFormat;
}

/** When a schedule runs and which files it produces. */
class ScheduleRunDto {
  @IsIn(REPORT_FREQUENCIES)
  frequency!: ReportFrequency;

  /** With frequency `cron`: minute hour day month weekday (an optional leading seconds field), Asia/Ho_Chi_Minh time. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cron?: string;

  @IsArray()
  @ArrayNotEmpty()
  @IsIn(REPORT_FORMATS, { each: true })
  formats!: ReportFormat[];

  /** Nơi nhận: account usernames and email addresses sent each report it makes (omitted on update: unchanged). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^(?:[^@\s]+@[^@\s]+\.[^@\s]+|[A-Za-z0-9._-]{1,64})$/, {
    each: true,
    message: 'recipients must be usernames or email addresses',
  })
  recipients?: string[];
}

export class CreateScheduleDto extends ScheduleRunDto {
  @IsProvinceCode()
  province!: string;

  @IsString()
  @MaxLength(100)
  document!: string;
}

export class UpdateScheduleDto extends ScheduleRunDto {
  @IsBoolean()
  enabled!: boolean;
}

export class ListSchedulesQuery {
  @IsProvinceCode()
  province!: string;
}

export class ScheduleIdParam {
  @Matches(UUID_PATTERN, { message: 'id must be a schedule id (UUID)' })
  id!: string;
}

/** A province's report heading (Nghị định 30/2020/NĐ-CP): what every report of the province prints at the top and bottom. */
export class ReportHeadingDto {
  /** e.g. "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH" */
  @IsString()
  @MaxLength(200)
  parentBody!: string;

  /** e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ" */
  @IsString()
  @MaxLength(200)
  issuer!: string;

  /** e.g. "Số:      /BC-SKHCN" */
  @IsString()
  @MaxLength(100)
  number!: string;

  /** The place in the date line, e.g. "Quảng Ninh" */
  @IsString()
  @MaxLength(100)
  place!: string;

  @IsArray()
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  recipients!: string[];

  @IsString()
  @MaxLength(100)
  signerTitle!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  signerName?: string | null;
}
