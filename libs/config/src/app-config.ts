import { randomBytes } from 'crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isAbsolute, resolve } from 'path';
import { ENV_KEYS, EnvSchema } from './env.schema';

/** The validated, typed configuration every part of dx-tracker reads. */
export class AppConfig {
  readonly nodeEnv: EnvSchema['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly database: {
    /** `embedded`: PGlite under dataDir, served on a local socket; `external`: DATABASE_URL. */
    readonly mode: 'embedded' | 'external';
    readonly url: string | null;
    /** DATABASE_READ_URL: where the API's read requests query (only with DATABASE_URL); null: the primary. */
    readonly readUrl: string | null;
    readonly dataDir: string;
    readonly embeddedPort: number;
    readonly poolSize: number;
  };
  readonly queue: {
    /** `redis` with REDIS_URL, else BullMQ's PostgreSQL backend in the same database. */
    readonly backend: 'redis' | 'postgres';
    readonly redisUrl: string | null;
    readonly prefix: string;
    readonly concurrency: number;
    readonly debounceMs: number;
    readonly lockDurationMs: number;
    readonly reportLockDurationMs: number;
    /** A job waiting longer than this to start counts as a stall (health `degraded`, worker warning). */
    readonly stallAfterMs: number;
  };
  /** Bytes of serialised province summaries the API keeps (0: none). */
  readonly summaryCacheBytes: number;
  readonly runWorker: boolean;
  readonly loadDemoData: boolean;
  readonly auth: {
    readonly jwtSecret: string;
    /** True when no JWT_SECRET was set and a random one was made for this process. */
    readonly ephemeralSecret: boolean;
    /** `iss` and `aud` of access tokens: signed into each, required of each. */
    readonly issuer: string;
    readonly audience: string;
    readonly accessTokenTtlS: number;
    readonly refreshTokenTtlDays: number;
    readonly loginRateLimit: number;
  };
  readonly corsOrigins: string[];
  /** Take the client address from X-Forwarded-For (one proxy hop). */
  readonly trustProxy: boolean;
  readonly log: { readonly format: 'json' | 'text'; readonly level: EnvSchema['LOG_LEVEL'] };
  /** Outgoing email: null when SMTP_URL is unset (email is off; in-app notifications still work). */
  readonly mail: { readonly url: string; readonly from: string } | null;
  /** Delivery of notifications and scheduled reports outside the app. */
  readonly delivery: {
    readonly attachmentMaxBytes: number;
    /** Start of absolute links (no trailing slash); null: links are paths. */
    readonly publicUrl: string | null;
    readonly webhookTimeoutMs: number;
    /** Webhooks must be https; plain http only to this machine (127.0.0.1, ::1, localhost) outside production. */
    readonly allowLoopbackHttp: boolean;
  };

  constructor(env: EnvSchema, cwd: string) {
    const embedded = env.DATABASE_URL === undefined;
    this.nodeEnv = env.NODE_ENV;
    this.port = env.PORT;
    this.host = env.HOST;
    this.database = {
      mode: embedded ? 'embedded' : 'external',
      url: env.DATABASE_URL ?? null,
      readUrl: env.DATABASE_READ_URL ?? null,
      dataDir: isAbsolute(env.DX_DATA_DIR) ? env.DX_DATA_DIR : resolve(cwd, env.DX_DATA_DIR),
      embeddedPort: env.EMBEDDED_DB_PORT,
      poolSize: env.DATABASE_POOL_SIZE,
    };
    this.queue = {
      backend: env.REDIS_URL ? 'redis' : 'postgres',
      redisUrl: env.REDIS_URL ?? null,
      prefix: env.QUEUE_PREFIX,
      concurrency: env.WORKER_CONCURRENCY,
      debounceMs: env.RECOMPUTE_DEBOUNCE_MS,
      lockDurationMs: env.WORKER_LOCK_DURATION_MS,
      reportLockDurationMs: env.REPORT_LOCK_DURATION_MS,
      stallAfterMs: env.QUEUE_STALL_AFTER_MS,
    };
    this.summaryCacheBytes = env.SUMMARY_CACHE_MB * 1024 * 1024;
    this.runWorker = env.RUN_WORKER ?? embedded;
    this.loadDemoData = env.LOAD_DEMO_DATA ?? embedded;
    this.auth = {
      jwtSecret: env.JWT_SECRET ?? randomBytes(32).toString('base64url'),
      ephemeralSecret: env.JWT_SECRET === undefined,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTtlS: env.ACCESS_TOKEN_TTL_S,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      loginRateLimit: env.LOGIN_RATE_LIMIT,
    };
    this.log = { format: env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'text'), level: env.LOG_LEVEL };
    this.trustProxy = env.TRUST_PROXY;
    this.mail = env.SMTP_URL && env.MAIL_FROM ? { url: env.SMTP_URL, from: env.MAIL_FROM } : null;
    this.delivery = {
      attachmentMaxBytes: env.MAIL_ATTACHMENT_MAX_MB * 1024 * 1024,
      publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
      webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
      allowLoopbackHttp: env.NODE_ENV !== 'production',
    };
    this.corsOrigins = (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws ConfigError listing every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): AppConfig {
  // Only our keys, and an empty value counts as unset (as docker-compose passes `KEY=`).
  const known = Object.fromEntries(Object.entries(env).filter(([k, v]) => ENV_KEYS.includes(k) && v !== ''));
  const schema = plainToInstance(EnvSchema, known, { exposeDefaultValues: true });
  const errors = validateSync(schema, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`))),
    );
  }
  return new AppConfig(schema, cwd);
}
