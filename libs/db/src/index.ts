export * from './entities';
export * from './data-source';
export * from './database';
export * from './database-target';
export * from './embedded/embedded-postgres';
export * from './plan-import/import-counts';
export * from './plan-import/plan-importer';
export * from './plan-export/plan-reader';
