import { Dispatch, SetStateAction, useCallback, useEffect, useState } from 'react';
import { DRAFT_PREFIX, session } from './session';

/** Where a form's unsaved values live: per account, so another account signing in on the tab never sees them. */
function storageKey(form: string): string | null {
  const user = session.user();
  return user ? `${DRAFT_PREFIX}${user.username}:${form}` : null;
}

/** The unsaved values of a form, when there are any. */
export function readDraft<T>(form: string): T | null {
  const key = storageKey(form);
  const raw = key ? sessionStorage.getItem(key) : null;
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

/** Forgets a form's unsaved values (after it was saved or cancelled). */
export function dropDraft(form: string): void {
  const key = storageKey(form);
  if (key) sessionStorage.removeItem(key);
}

/** The forms (by the name given to useDraft) that start with `prefix` and hold unsaved values, e.g. the task being edited. */
export function draftsStartingWith(prefix: string): string[] {
  const user = session.user();
  if (!user) return [];
  const mine = `${DRAFT_PREFIX}${user.username}:`;
  return Object.keys(sessionStorage)
    .filter((k) => k.startsWith(mine + prefix))
    .map((k) => k.slice(mine.length));
}

/**
 * useState for a form's values that also keeps them in sessionStorage while the form is open: when the
 * session expires, the values wait there and the form comes back with them after signing in again.
 * The third element forgets them (call it once the form is saved or cancelled), optionally resetting the form.
 */
export function useDraft<T>(form: string, initial: () => T): [T, Dispatch<SetStateAction<T>>, (reset?: T) => void] {
  const [value, setValue] = useState<T>(() => readDraft<T>(form) ?? initial());
  const [dirty, setDirty] = useState(() => readDraft<T>(form) !== null);
  useEffect(() => {
    if (!dirty) return;
    const key = storageKey(form);
    if (key) sessionStorage.setItem(key, JSON.stringify(value));
  }, [form, value, dirty]);
  const set: Dispatch<SetStateAction<T>> = useCallback((next) => {
    setDirty(true);
    setValue(next);
  }, []);
  const drop = useCallback(
    (reset?: T) => {
      setDirty(false);
      if (reset !== undefined) setValue(reset);
      dropDraft(form);
    },
    [form],
  );
  return [value, set, drop];
}
