export * from './queue-names';
export * from './queue-connection';
export * from './queue.module';
