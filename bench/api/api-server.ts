/**
 * The API as `npm run start:api` serves it (same config, HTTP setup and logging), with the
 * bench's constant route added, for `npm run bench`. Prints `bench api listening at URL`.
 * Configured like the API by environment (DATABASE_URL, REDIS_URL, QUEUE_PREFIX, …).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { configureHttp } from '../../apps/api/src/bootstrap/configure-http';
import { loadConfig } from '../../libs/config/src';
import { openDatabase } from '../../libs/db/src';
import { queueConnection } from '../../libs/queue/src';
import { BenchAppModule } from './bench-app.module';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await openDatabase({ ...config.database }, { attach: false });
  const app = await NestFactory.create(
    BenchAppModule.forRoot({ config, dataSource: db.dataSource, queue: queueConnection(config.queue, db.target.url) }),
    { logger: ['error', 'warn'], bodyParser: false, bufferLogs: config.log.format === 'json' },
  );
  if (config.log.format === 'json') app.useLogger(app.get(PinoLogger));
  configureHttp(app, config);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  process.stdout.write(`bench api listening at http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}\n`);
  const stop = async () => {
    await app.close();
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`bench api could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
