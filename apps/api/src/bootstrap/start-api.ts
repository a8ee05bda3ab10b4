import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../../../../libs/config/src';
import { openDatabase, OpenDatabase } from '../../../../libs/db/src';
import { queueConnection } from '../../../../libs/queue/src';
import { AppModule } from '../app.module';
import { loadDemoDataOnce } from './demo-data';

export interface RunningApi {
  app: INestApplication;
  url: string;
  db: OpenDatabase;
  close(): Promise<void>;
}

/**
 * Starts the HTTP API: opens the database (starting the embedded one when there is no
 * DATABASE_URL, migrating it, loading the demo plan on first start), then Nest.
 */
export async function startApi(config: AppConfig, logger = new Logger('Bootstrap')): Promise<RunningApi> {
  const db = await openDatabase({ ...config.database }, { attach: false });
  if (db.target.kind === 'embedded') logger.log(`embedded PostgreSQL in ${config.database.dataDir} (port ${new URL(db.target.url).port})`);
  let app: INestApplication | undefined;
  try {
    if (config.loadDemoData) await loadDemoDataOnce(db.dataSource, logger);
    app = await NestFactory.create(
      AppModule.forRoot({ config, dataSource: db.dataSource, queue: queueConnection(config.queue, db.target.url) }),
      { logger: config.nodeEnv === 'test' ? ['error', 'warn'] : undefined },
    );
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
    async close() {
      await running.close();
      await db.close().catch(() => undefined);
    },
  };
}
