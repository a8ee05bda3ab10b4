import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { AppModule } from '@dx/api/app.module';
import { configureHttp } from '@dx/api/bootstrap/configure-http';
import { loadConfig } from '@dx/config';
import { AccountRepository, createDataSource } from '@dx/db';
import type { Role } from '@dx/domain';
import { queueConnection } from '@dx/jobs';
import { TestDatabase } from './test-database';
import { TEST_REDIS_URL, testRunId } from './test-env';

/** The JWT secret of test apps, for tests that sign their own (forged, expired…) tokens. */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256';

/**
 * `url` on connections where every transaction is read-only, as on a hot standby: a write sent
 * there fails (25006, "cannot execute … in a read-only transaction") instead of passing unseen.
 */
export function readOnlyUrl(url: string): string {
  const readOnly = new URL(url);
  readOnly.searchParams.set('options', '-c default_transaction_read_only=on');
  return readOnly.toString();
}

/**
 * The real AppModule on a test database and Redis, with the same HTTP setup as the server, on pools of
 * its own (`poolSize` connections each, closed with the app). Its read requests go to DATABASE_READ_URL,
 * by default the same database on read-only connections, so a read route that writes without asking for
 * the primary fails its test (`env.DATABASE_READ_URL: ''`: none, everything on the primary).
 */
export async function createTestApp(
  db: TestDatabase,
  options: { redisUrl?: string; env?: Record<string, string>; poolSize?: number } = {},
): Promise<INestApplication> {
  // One queue prefix per test database, so test files running in parallel never take each other's jobs.
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_READ_URL: readOnlyUrl(db.url),
    REDIS_URL: options.redisUrl ?? TEST_REDIS_URL,
    QUEUE_PREFIX: `dx-test-${testRunId()}-${db.name.slice(-6)}`,
    JWT_SECRET: TEST_JWT_SECRET,
    LOGIN_RATE_LIMIT: '1000',
    ...options.env,
  });
  const dataSource = await createDataSource(db.url, options.poolSize ?? 4, config.database.readUrl).initialize();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config, dataSource, queue: queueConnection(config.queue, db.url) })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
  configureHttp(app, config);
  await app.init();
  return app;
}

export interface TestUser {
  username: string;
  password: string;
  token: string;
}

/** Creates an account (unique name) and signs it in through the API. */
export async function signIn(app: INestApplication, db: TestDatabase, role: Role, province?: string, orgUnit?: string): Promise<TestUser> {
  const username = `${role}-${randomBytes(4).toString('hex')}`;
  const { password } = await new AccountRepository(db.dataSource).create({ username, displayName: username, role, province, orgUnit });
  const res = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ username, password }).expect(200);
  return { username, password, token: res.body.accessToken };
}

/** supertest with a bearer token. */
export function as(app: INestApplication, token: string) {
  const server = app.getHttpServer();
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  return {
    get: (url: string) => auth(request(server).get(url)),
    post: (url: string) => auth(request(server).post(url)),
    patch: (url: string) => auth(request(server).patch(url)),
    put: (url: string) => auth(request(server).put(url)),
    delete: (url: string) => auth(request(server).delete(url)),
  };
}
