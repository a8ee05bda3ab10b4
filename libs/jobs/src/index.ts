export * from './queue-names';
export * from './queue-connection';
export * from './queue.module';
export * from './recompute-jobs';
export * from './report-jobs';
export * from './queue-stall';
