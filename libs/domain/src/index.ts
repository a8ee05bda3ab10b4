export * from './plan.types';
export * from './iso-date';
export * from './period';
export * from './decimal-value';
export * from './text';
export * from './domain-error';
export * from './status/status.types';
