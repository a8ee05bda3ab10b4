import type { Server } from 'http';
import { DynamicModule, INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@dx/config';
import { openDatabase, OpenDatabase } from '@dx/db';
import { queueConnection } from '@dx/jobs';
import { AppModule, AppModuleOptions } from '../app.module';
import { Logger as PinoLogger } from 'nestjs-pino';
import { configureHttp } from './configure-http';
import { seedIllustrativeActivity } from './demo-activity';
import { createDemoAccounts, loadDemoDataOnce } from './demo-data';
import type { DemoAccount } from './start-banner';

export interface RunningApi {
  app: INestApplication;
  url: string;
  db: OpenDatabase;
  /** The demo accounts created at this (first) start, with their passwords, for the start banner; none otherwise. */
  demoAccounts: DemoAccount[];
  close(): Promise<void>;
}

/**
 * Starts the HTTP API: opens the database (starting the embedded one when there is no
 * DATABASE_URL, migrating it, loading the demo plan on first start), then Nest. `root` is
 * AppModule, or a module that wraps it (the benchmark adds its constant route).
 */
export async function startApi(
  config: AppConfig,
  logger = new Logger('Bootstrap'),
  root: { forRoot(options: AppModuleOptions): DynamicModule } = AppModule,
): Promise<RunningApi> {
  // Only the API reads from DATABASE_READ_URL: the worker and the CLI open the primary alone.
  const db = await openDatabase({ ...config.database }, { attach: false, readUrl: config.database.readUrl });
  if (db.target.kind === 'embedded') logger.log(`embedded PostgreSQL in ${config.database.dataDir} (port ${new URL(db.target.url).port})`);
  let app: INestApplication | undefined;
  let demoAccounts: DemoAccount[] = [];
  try {
    const firstDemoStart = config.loadDemoData && (await loadDemoDataOnce(db.dataSource, logger));
    if (firstDemoStart) demoAccounts = await createDemoAccounts(db.dataSource);
    app = await NestFactory.create(
      root.forRoot({ config, dataSource: db.dataSource, queue: queueConnection(config.queue, db.target.url) }),
      { logger: config.nodeEnv === 'test' ? ['error', 'warn'] : undefined, bodyParser: false, bufferLogs: config.log.format === 'json' },
    );
    if (config.log.format === 'json') app.useLogger(app.get(PinoLogger));
    configureHttp(app, config);
    keepIdleConnections(app.getHttpServer() as Server);
    if (config.auth.ephemeralSecret) logger.warn('JWT_SECRET is not set: sign-ins last until this process stops');
    // With the worker in this process, its delivery channels say it instead (once).
    if (!config.mail && !config.runWorker) logger.log('Chưa đặt SMTP_URL: không gửi email, thông báo vẫn hiện trong ứng dụng');
    if (firstDemoStart) {
      await app.init();
      // The illustrative workflow is a nicety of the demo: the server starts without it rather than not at all.
      await seedIllustrativeActivity(app).then(
        (made) => made && logger.log('illustrative province: a pending submission and an open directive'),
        (error: unknown) => logger.warn(`illustrative province: no demo activity (${(error as Error).message})`),
      );
    }
    await app.listen(config.port, config.host);
  } catch (error) {
    await app?.close();
    await db.close();
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const running = app;
  return {
    app: running,
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    db,
    demoAccounts,
    async close() {
      await running.close();
      await db.close().catch(() => undefined);
    },
  };
}

/**
 * Idle keep-alive connections are kept 65 s, longer than a reverse proxy's usual 60 s and than any pause of this
 * process (the embedded database runs in it). With Node's 5 s, a client's next request on an idle connection could
 * reach a server that had just closed it, and fail with ECONNRESET.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node requires the headers timeout to be longer than the keep-alive timeout.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}
