import type { WebItemsSeen } from '@dx/domain';
import type { RowChanges } from './row-diff';

/** What a task or goal row records of the web app (issue 19). */
export interface WebTracked {
  id: string;
  code: string;
  origin: 'import' | 'web';
  webEditedAt: Date | null;
  cancelReason: string | null;
}

/** Fields the import compares for them: a row the file states is the file's from then on. */
export const WEB_FIELDS = ['origin', 'webEditedAt', 'cancelReason'] as const;

/**
 * The web app's marks as the file sets them: recorded from a file, not edited since; a cancellation's reason kept
 * only while the file also says the task is cancelled.
 */
export function fileOwned(existing: WebTracked | undefined, keepsCancellation: boolean): Pick<WebTracked, (typeof WEB_FIELDS)[number]> {
  return { origin: 'import', webEditedAt: null, cancelReason: keepsCancellation ? (existing?.cancelReason ?? null) : null };
}

/**
 * Notes for the import's summary: rows added in the web app that the file leaves out (kept, or removed with
 * --prune), and rows added or edited in the web app that the file states (the file's version now holds).
 */
export function noteWebItems(
  seen: WebItemsSeen,
  kind: 'task' | 'goal',
  existing: WebTracked[],
  changes: RowChanges<WebTracked>,
  prune: boolean,
): void {
  const before = new Map(existing.map((r) => [r.id, r]));
  const replaced = changes.rows.filter((r) => {
    const had = before.get(r.id);
    return had !== undefined && (had.origin === 'web' || had.webEditedAt !== null);
  });
  const left = changes.missing.filter((r) => r.origin === 'web');
  const codes = (rows: WebTracked[]) => rows.map((r) => r.code);
  if (kind === 'task') {
    seen.replacedTasks.push(...codes(replaced));
    (prune ? seen.removedTasks : seen.keptTasks).push(...codes(left));
  } else {
    seen.replacedGoals.push(...codes(replaced));
    (prune ? seen.removedGoals : seen.keptGoals).push(...codes(left));
  }
}
