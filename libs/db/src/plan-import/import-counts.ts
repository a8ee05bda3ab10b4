export const IMPORT_ENTITIES = [
  'provinces',
  'agencies',
  'indicators',
  'documents',
  'goal_groups',
  'task_groups',
  'goals',
  'tasks',
  'reported_claims',
  'observations',
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Removed with --prune. */
  removed: number;
  /** Not in the file and kept (no --prune). */
  kept: number;
}

export type ImportCounts = Record<ImportEntity, EntityCounts>;

export function emptyCounts(): ImportCounts {
  return Object.fromEntries(IMPORT_ENTITIES.map((e) => [e, { created: 0, updated: 0, unchanged: 0, removed: 0, kept: 0 }])) as ImportCounts;
}

/** True when the import created, updated or removed nothing. */
export function isNoOp(counts: ImportCounts): boolean {
  return IMPORT_ENTITIES.every((e) => counts[e].created + counts[e].updated + counts[e].removed === 0);
}
