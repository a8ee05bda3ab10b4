import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@dx/config';
import { startApi } from './bootstrap/start-api';
import { startBanner } from './bootstrap/start-banner';

async function main(): Promise<void> {
  const logger = new Logger('dx-tracker');
  const config = loadConfig(process.env);
  const api = await startApi(config, logger);
  logger.log(`dx-tracker is running at ${api.url}  (health: ${api.url}/health, documents: ${api.url}/api/v1/documents?province=QNI)`);
  if (config.runWorker) logger.log('the queue worker runs in this process (RUN_WORKER)');
  // Last, after Nest's route lines: the address and, on the first start, the demo accounts, in Vietnamese. With JSON
  // logs (one object per line, for a collector) only when there are demo passwords to show, which are said once.
  if (config.log.format === 'text' || api.demoAccounts.length) process.stdout.write(startBanner(api.url, api.demoAccounts));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `dx-tracker could not start: ${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
