export * from './env.schema';
export * from './app-config';
