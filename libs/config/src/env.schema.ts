import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

/**
 * Every environment variable dx-tracker reads. Checked once at start-up; a bad value
 * stops the process with a message naming each bad key.
 */
export class EnvSchema {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  /** Unset: the embedded PostgreSQL under DX_DATA_DIR is used. Required in production. */
  @ValidateIf((env: EnvSchema) => env.NODE_ENV === 'production' || env.DATABASE_URL !== undefined)
  @IsDefined({ message: 'DATABASE_URL is required when NODE_ENV=production (the embedded database is for trying dx-tracker out)' })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * A read replica of DATABASE_URL: the API's GET and HEAD requests read from it; writes, the worker,
   * the CLI and migrations use DATABASE_URL. Unset: everything uses DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_READ_URL must be a postgres:// or postgresql:// URL' })
  @ValidateBy({
    name: 'needsDatabaseUrl',
    validator: {
      validate: (_value: unknown, args) => (args?.object as EnvSchema).DATABASE_URL !== undefined,
      defaultMessage: () => 'DATABASE_READ_URL needs DATABASE_URL (a replica of it): the embedded database has no read replica',
    },
  })
  DATABASE_READ_URL?: string;

  /** Unset: jobs run on BullMQ's PostgreSQL backend in the same database. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  DX_DATA_DIR = '.dx-data';

  /** Port of the embedded database's socket; 0 picks a free one. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_DB_PORT = 0;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /** Run the queue worker (recompute jobs, outbox relay, schedules) inside the API process. Default: yes with the embedded database. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  RUN_WORKER?: boolean;

  /** Load data/plans/quang-ninh.yaml on first start. Default: yes with the embedded database. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  LOAD_DEMO_DATA?: boolean;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'QUEUE_PREFIX must be 1-32 characters A-Z, a-z, 0-9, _ or -' })
  QUEUE_PREFIX = 'dx';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 2;

  /** How long a worker's job lock lasts without renewal; a killed worker's job is retried after it. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600000)
  WORKER_LOCK_DURATION_MS = 30000;

  /**
   * The same for report jobs, longer because building a large PDF can hold the process past
   * a short lock; a killed worker's report is retried after it.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600000)
  REPORT_LOCK_DURATION_MS = 120000;

  /**
   * A job that has waited this long to start (ms) means no worker takes jobs: /health says
   * `degraded` with the reason (still 200) and the worker logs a warning.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(86400000)
  QUEUE_STALL_AFTER_MS = 60000;

  /** Extra quiet time before a province's outbox rows are enqueued, in ms (bursts coalesce anyway while a job runs). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60000)
  RECOMPUTE_DEBOUNCE_MS = 0;

  /**
   * Memory for province summaries kept serialised by the API, in MiB (0: none), and as much
   * again for task-list pages and dashboards. A kept answer is served while the province's
   * stamps are unchanged, so it is never stale.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(4096)
  SUMMARY_CACHE_MB = 64;

  /** Signs access tokens. Required in production; unset elsewhere, a random one per process (sessions end at restart). */
  @ValidateIf((env: EnvSchema) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsDefined({ message: 'JWT_SECRET is required when NODE_ENV=production' })
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** `iss` of the access tokens this deployment signs; a token from any other issuer is refused. */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'JWT_ISSUER must be 1-200 visible ASCII characters' })
  JWT_ISSUER = 'dx-tracker';

  /** `aud` of the access tokens: the API they are for; a token meant for another audience is refused. */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'JWT_AUDIENCE must be 1-200 visible ASCII characters' })
  JWT_AUDIENCE = 'dx-tracker-api';

  /** Lifetime of an access token, in seconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_S = 900;

  /** Lifetime of a refresh token, in days. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** Sign-in and token refresh attempts per client address per minute (429 beyond). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_LIMIT = 10;

  /** Behind a reverse proxy: take the client address from X-Forwarded-For (sign-in throttling, audit log). Default: no. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  /** `json`: one JSON object per line (pino), with every HTTP request and its id; `text`: Nest's readable lines. Default: json in production. */
  @IsOptional()
  @IsIn(['json', 'text'])
  LOG_FORMAT?: 'json' | 'text';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** Comma-separated origins allowed by CORS (e.g. https://cds.quangninh.gov.vn); unset: no cross-origin access. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** Outgoing mail server (`smtp://user:pass@host:587`, `smtps://…` for TLS from the start). Unset: no email is sent. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of every email (`Sở TT&TT <cds@tinh.gov.vn>` or a bare address). Required with SMTP_URL. */
  @ValidateIf((env: EnvSchema) => env.SMTP_URL !== undefined || env.MAIL_FROM !== undefined)
  @IsDefined({ message: 'MAIL_FROM is required when SMTP_URL is set' })
  @Matches(/^(?:[^<>]*<[^@<>\s]+@[^@<>\s]+>|[^@<>\s]+@[^@<>\s]+)$/, {
    message: 'MAIL_FROM must be an address, e.g. Name <no-reply@example.gov.vn>',
  })
  MAIL_FROM?: string;

  /** A report file larger than this (MiB) is linked in the scheduled report's email instead of attached. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_ATTACHMENT_MAX_MB = 10;

  /** Where people open dx-tracker (https://cds.tinh.gov.vn): the start of links in emails and webhook events. Unset: links are paths. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'PUBLIC_URL must be an http:// or https:// URL' })
  PUBLIC_URL?: string;

  /** How long a webhook receiver has to answer (ms); longer counts as a failure, retried later. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60000)
  WEBHOOK_TIMEOUT_MS = 10000;
}

/** The variables EnvSchema declares (optional ones have no initial value, so list them all). */
export const ENV_KEYS: readonly string[] = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'REDIS_URL',
  'DX_DATA_DIR',
  'EMBEDDED_DB_PORT',
  'DATABASE_POOL_SIZE',
  'RUN_WORKER',
  'LOAD_DEMO_DATA',
  'QUEUE_PREFIX',
  'WORKER_CONCURRENCY',
  'WORKER_LOCK_DURATION_MS',
  'REPORT_LOCK_DURATION_MS',
  'QUEUE_STALL_AFTER_MS',
  'RECOMPUTE_DEBOUNCE_MS',
  'SUMMARY_CACHE_MB',
  'JWT_SECRET',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'ACCESS_TOKEN_TTL_S',
  'REFRESH_TOKEN_TTL_DAYS',
  'LOGIN_RATE_LIMIT',
  'CORS_ORIGINS',
  'LOG_FORMAT',
  'LOG_LEVEL',
  'TRUST_PROXY',
  'SMTP_URL',
  'MAIL_FROM',
  'MAIL_ATTACHMENT_MAX_MB',
  'PUBLIC_URL',
  'WEBHOOK_TIMEOUT_MS',
];
