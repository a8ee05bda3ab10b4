/**
 * The API as `npm run start:api` serves it (the same start-up: config, HTTP setup and
 * logging), with the bench's constant route added, for `npm run bench`. Prints
 * `bench api listening at URL`. Configured like the API by environment (DATABASE_URL,
 * REDIS_URL, QUEUE_PREFIX, …).
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startApi } from '@dx/api/bootstrap/start-api';
import { loadConfig } from '@dx/config';
import { BenchAppModule } from './bench-app.module';

async function main(): Promise<void> {
  const api = await startApi(loadConfig(process.env), new Logger('Bootstrap'), BenchAppModule);
  process.stdout.write(`bench api listening at ${api.url}\n`);
  const stop = async () => {
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`bench api could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
