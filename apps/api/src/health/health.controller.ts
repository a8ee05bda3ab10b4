import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppConfig } from '@dx/config';
import { onPrimary, onReadConnection } from '@dx/db';
import { Public } from '../auth/auth.decorators';
import { QueueHealthIndicator } from './queue.health-indicator';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
    private readonly config: AppConfig,
  ) {}

  /**
   * 200 when the database and the queue answer, 503 otherwise (with which one is down). A queue
   * whose oldest waiting job is past QUEUE_STALL_AFTER_MS still answers 200, with status
   * `degraded` and the reason: the product serves, but its computed figures go stale. `database` is the
   * primary; with DATABASE_READ_URL, `readDatabase` is the replica that serves the read requests.
   */
  @Get()
  @HealthCheck()
  async check() {
    const checks: HealthIndicatorFunction[] = [
      () => onPrimary(() => this.database.pingCheck('database', { timeout: 3000 })),
      () => this.queue.check('queue'),
    ];
    if (this.config.database.readUrl) checks.push(() => onReadConnection(() => this.database.pingCheck('readDatabase', { timeout: 3000 })));
    const result = await this.health.check(checks);
    const stalled = (result.info?.queue as { stalled?: string } | undefined)?.stalled;
    return stalled ? { ...result, status: 'degraded', reason: stalled } : result;
  }
}
