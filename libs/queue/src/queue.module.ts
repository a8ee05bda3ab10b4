import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { QueueConnection } from './queue-connection';
import { QUEUE_NAMES } from './queue-names';

/** BullMQ's connection (Redis or PostgreSQL) and every dx-tracker queue, injectable with @InjectQueue. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(connection: QueueConnection): DynamicModule {
    const queues = BullModule.registerQueue(...Object.values(QUEUE_NAMES).map((name) => ({ name })));
    return {
      module: QueueModule,
      imports: [BullModule.forRoot({ connection: connection.connection as never, prefix: connection.prefix }), queues],
      exports: [queues],
    };
  }
}
