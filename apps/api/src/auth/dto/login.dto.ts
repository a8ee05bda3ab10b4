import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;

  /** Browsers: set the refresh token as an HttpOnly cookie (path /api/v1/auth) instead of returning it in the body. */
  @IsOptional()
  @IsBoolean()
  refreshCookie?: boolean;
}

export class RefreshDto {
  /** Absent: the refresh cookie's token (see LoginDto.refreshCookie). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken?: string;
}
