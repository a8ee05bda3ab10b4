import { randomUUID } from 'crypto';

export interface RowChanges<R> {
  /** Every desired row, with the id of its existing row when there is one. */
  rows: R[];
  inserts: R[];
  updates: { id: string; changes: Partial<R> }[];
  unchanged: number;
  /** Existing rows whose key the desired set does not contain. */
  missing: R[];
}

/** Ids for natural keys: the existing row's id where there is one, a new one otherwise. */
export function idsByKey<R extends { id: string }>(existing: R[], keyOf: (row: R) => string, keys: string[]): Map<string, string> {
  const ids = new Map(existing.map((row) => [keyOf(row), row.id]));
  for (const key of keys) if (!ids.has(key)) ids.set(key, randomUUID());
  return ids;
}

/**
 * Matches desired rows to existing ones by a natural key (codes, not ids) and lists
 * what to insert, what to update (only the fields that differ) and what is left over.
 * Values are strings, numbers, booleans or null, so === compares them.
 */
export function diffRows<R extends { id: string }>(
  existing: R[],
  desired: R[],
  keyOf: (row: R) => string,
  fields: readonly (keyof R)[],
): RowChanges<R> {
  const byKey = new Map(existing.map((row) => [keyOf(row), row]));
  const result: RowChanges<R> = { rows: [], inserts: [], updates: [], unchanged: 0, missing: [] };
  const seen = new Set<string>();
  for (const want of desired) {
    const key = keyOf(want);
    seen.add(key);
    const have = byKey.get(key);
    const row = { ...want, id: have?.id ?? want.id };
    result.rows.push(row);
    if (!have) {
      result.inserts.push(row);
      continue;
    }
    const changes: Partial<R> = {};
    for (const field of fields) if (row[field] !== have[field]) changes[field] = row[field];
    if (Object.keys(changes).length > 0) result.updates.push({ id: have.id, changes });
    else result.unchanged++;
  }
  result.missing = existing.filter((row) => !seen.has(keyOf(row)));
  return result;
}

/** Orders rows so that each comes after the row its `parentOf` names (parents are acyclic). */
export function parentsFirst<R extends { id: string }>(rows: R[], parentOf: (row: R) => string | null): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const done = new Set<string>();
  const ordered: R[] = [];
  const visit = (row: R) => {
    if (done.has(row.id)) return;
    done.add(row.id);
    const parent = parentOf(row);
    if (parent && byId.has(parent)) visit(byId.get(parent)!);
    ordered.push(row);
  };
  rows.forEach(visit);
  return ordered;
}
