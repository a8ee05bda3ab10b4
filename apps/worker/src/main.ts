import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@dx/config';
import { openDatabase } from '@dx/db';
import { queueConnection } from '@dx/jobs';
import { WorkerModule } from './worker.module';

/**
 * Runs the worker as its own process (production: `--scale worker=N`). Without
 * DATABASE_URL it attaches to the embedded database of a running `npm start`.
 */
async function main(): Promise<void> {
  const logger = new Logger('dx-tracker-worker');
  const config = loadConfig(process.env);
  const db = await openDatabase({ ...config.database }, { attach: true });
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, dataSource: db.dataSource, queue: queueConnection(config.queue, db.target.url) }),
  );
  logger.log(`worker process started (queue backend: ${config.queue.backend}, concurrency ${config.queue.concurrency})`);
  const stop = async () => {
    await app.close();
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `dx-tracker worker could not start: ${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
