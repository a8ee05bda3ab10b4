import { IMPORT_ENTITIES, ImportCounts } from '@dx/domain';

export type { EntityCounts, ImportCounts, ImportEntity } from '@dx/domain';
export { IMPORT_ENTITIES };

export function emptyCounts(): ImportCounts {
  return Object.fromEntries(IMPORT_ENTITIES.map((e) => [e, { created: 0, updated: 0, unchanged: 0, removed: 0, kept: 0 }])) as ImportCounts;
}

/** True when the import created, updated or removed nothing. */
export function isNoOp(counts: ImportCounts): boolean {
  return IMPORT_ENTITIES.every((e) => counts[e].created + counts[e].updated + counts[e].removed === 0);
}
