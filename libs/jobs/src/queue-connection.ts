import { createPostgresBackend, RedisOptions, setDefaultBackendFactory } from 'bullmq';

/** The shape of AppConfig['queue']. */
export interface QueueSettings {
  backend: 'redis' | 'postgres';
  redisUrl: string | null;
  prefix: string;
}

/** PostgreSQL schema that holds BullMQ's tables when jobs run without Redis. */
export const BULLMQ_PG_SCHEMA = 'bullmq';

export interface QueueConnection {
  connection: RedisOptions | Record<string, unknown>;
  prefix: string;
}

/**
 * BullMQ connection options: Redis with REDIS_URL, else BullMQ's PostgreSQL backend
 * in dx-tracker's own database (so the embedded default needs no Redis). The backend
 * choice is process-wide in BullMQ, so it is set here, once, before any queue exists.
 */
export function queueConnection(settings: QueueSettings, databaseUrl: string): QueueConnection {
  if (settings.backend === 'redis' && settings.redisUrl) {
    setDefaultBackendFactory();
    return { connection: redisOptions(settings.redisUrl), prefix: settings.prefix };
  }
  setDefaultBackendFactory(createPostgresBackend as never);
  return {
    connection: { connectionString: databaseUrl, schema: BULLMQ_PG_SCHEMA, migrate: true, max: 4 },
    prefix: settings.prefix,
  };
}

export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: db ? Number(db) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis; they must not give up after a fixed number of retries.
    maxRetriesPerRequest: null,
  };
}
