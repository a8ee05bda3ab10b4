import { useCallback, useEffect, useRef, useState } from 'react';
import { getJson } from './api';

export interface ApiState<T> {
  /** The latest answer; kept while a new path loads, so a page does not blink. */
  data: T | undefined;
  /** The last read's failure (an ApiError or a network error); null after a good read. */
  error: unknown;
  /** The path of the last read that ended (its answer is `data`, or its failure `error`). */
  from: string | null;
  /** True until the current path's first answer (or failure) arrives. */
  loading: boolean;
  /** Reads the path again now (after a write), whatever a poll is doing. */
  reload: () => Promise<void>;
}

export interface ApiOptions<T> {
  /**
   * Poll this often (ms), or as a function of the answer just read (undefined after a
   * failed read); no polling when absent. Polls wait while the tab is hidden and catch
   * up as soon as it is shown again.
   */
  refreshMs?: number | ((data: T | undefined) => number);
}

/**
 * The one way pages read the API: a GET of `path` (none while it is null) through
 * `getJson`, which sends the last ETag back and reuses the body on 304. Only mounted
 * pages read, and their polls pause while the document is hidden.
 */
export function useApi<T>(path: string | null, options: ApiOptions<T> = {}): ApiState<T> {
  const [state, setState] = useState<Omit<ApiState<T>, 'reload'>>({ data: undefined, error: null, from: null, loading: path !== null });
  const refreshMs = useRef(options.refreshMs);
  refreshMs.current = options.refreshMs;
  const read = useRef<() => Promise<void>>(async () => {});

  useEffect(() => {
    if (path === null) {
      setState((s) => (s.loading ? { ...s, loading: false } : s));
      return;
    }
    let stopped = false;
    let latest = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let due = false;
    const schedule = (data: T | undefined) => {
      const every = refreshMs.current;
      if (every === undefined || stopped) return;
      timer = setTimeout(
        () => {
          if (document.visibilityState === 'hidden') due = true;
          else void load();
        },
        typeof every === 'function' ? every(data) : every,
      );
    };
    // Each read supersedes the ones before it: only the newest answer is shown and schedules the next poll.
    const load = async () => {
      const mine = ++latest;
      clearTimeout(timer);
      try {
        const data = await getJson<T>(path);
        if (stopped || mine !== latest) return;
        setState({ data, error: null, from: path, loading: false });
        schedule(data);
      } catch (error) {
        if (stopped || mine !== latest) return;
        setState((s) => ({ ...s, error, from: path, loading: false }));
        schedule(undefined);
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible' && due) {
        due = false;
        void load();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    read.current = load;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [path]);

  const reload = useCallback(() => read.current(), []);
  return { ...state, reload };
}
