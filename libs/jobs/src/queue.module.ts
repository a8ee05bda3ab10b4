import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueConnection } from './queue-connection';
import { QUEUE_NAMES } from './queue-names';
import { RecomputeProducer } from './recompute/recompute.producer';
import { ReportProducer } from './reports/report.producer';

const ERROR_LOG_INTERVAL_MS = 60_000;

/** Injection token of the QueueConnection, for modules that create BullMQ workers. */
export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

/**
 * A queue whose backend is unreachable emits an error on every reconnect attempt;
 * without a listener BullMQ prints each to the console. Log one line a minute instead
 * (the health check reports the outage).
 */
function logQueueErrors(...queues: Queue[]): void {
  const logger = new Logger('Queue');
  for (const queue of queues) {
    let lastLogged = 0;
    queue.on('error', (error: Error) => {
      const now = Date.now();
      if (now - lastLogged < ERROR_LOG_INTERVAL_MS) return;
      lastLogged = now;
      logger.warn(`queue "${queue.name}" backend unreachable: ${error.message}`);
    });
  }
}

/** BullMQ's connection (Redis or PostgreSQL), every dx-tracker queue (injectable with @InjectQueue) and their producers. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(connection: QueueConnection): DynamicModule {
    const names = Object.values(QUEUE_NAMES);
    const queues = BullModule.registerQueue(...names.map((name) => ({ name })));
    return {
      module: QueueModule,
      imports: [BullModule.forRoot({ connection: connection.connection as never, prefix: connection.prefix }), queues],
      providers: [
        { provide: QUEUE_CONNECTION, useValue: connection },
        { provide: 'QUEUE_ERROR_LOGGING', useFactory: logQueueErrors, inject: names.map((n) => getQueueToken(n)) },
        RecomputeProducer,
        ReportProducer,
      ],
      exports: [queues, QUEUE_CONNECTION, RecomputeProducer, ReportProducer],
    };
  }
}
