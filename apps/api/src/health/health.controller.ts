import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { QueueHealthIndicator } from './queue.health-indicator';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  /**
   * 200 when the database and the queue answer, 503 otherwise (with which one is down). A queue
   * whose oldest waiting job is past QUEUE_STALL_AFTER_MS still answers 200, with status
   * `degraded` and the reason: the product serves, but its computed figures go stale.
   */
  @Get()
  @HealthCheck()
  async check() {
    const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 3000 }), () => this.queue.check('queue')]);
    const stalled = (result.info?.queue as { stalled?: string } | undefined)?.stalled;
    return stalled ? { ...result, status: 'degraded', reason: stalled } : result;
  }
}
