import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  DELIVERY_STATUSES,
  NOTIFICATION_KINDS,
  NOTIFICATION_MODES,
  UUID_PATTERN,
  type DeliveryStatus,
  type NotificationKind,
  type NotificationMode,
} from '@dx/domain';
import { IsProvinceCode } from '../../common/fields';
import { PageQuery } from '../../common/page.query';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListNotificationsQuery extends PageQuery {
  /** Only the unread ones. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class NotificationIdParam {
  @Matches(UUID_PATTERN, { message: 'id must be a notification id (UUID)' })
  id!: string;
}

export class PreferenceDto {
  @IsIn([...NOTIFICATION_KINDS])
  kind!: NotificationKind;

  @IsIn([...NOTIFICATION_MODES])
  mode!: NotificationMode;

  /** A daily digest instead of single emails. */
  @IsBoolean()
  digest!: boolean;
}

export class PreferencesDto {
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  items!: PreferenceDto[];
}

export class DeliveriesQuery {
  @IsOptional()
  @IsIn([...DELIVERY_STATUSES])
  status?: DeliveryStatus;

  /** Admins: one province's (officers always see their own). */
  @IsOptional()
  @IsProvinceCode()
  province?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}

export class AccountEmailDto {
  /** The address; null clears it. */
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string | null;

  /** Admins: the account to change (default: one's own). */
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'accountId must be an account id (UUID)' })
  accountId?: string;
}

export class NotificationSettingsDto {
  /** Days before a task's due date a reminder goes out, e.g. [7, 1]. */
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(365, { each: true })
  dueSoonDays!: number[];

  /** The province's webhook (HTTPS; HTTP only for a local address); null for none. */
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  @Matches(/^(https:\/\/\S+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/\S*)?)$/, {
    message: 'webhookUrl must be an https:// address (http:// only for localhost)',
  })
  webhookUrl!: string | null;

  /** The HMAC secret: absent keeps the stored one, null removes it. Never returned. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  webhookSecret?: string | null;

  /** The version read (0 when never saved). */
  @IsInt()
  @Min(0)
  version!: number;
}
