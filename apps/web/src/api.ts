import type { ProblemDocument } from '@dx/domain';
import { renew, session } from './session';

/** A refused request, with the API's problem document. */
export class ApiError extends Error {
  constructor(readonly problem: ProblemDocument) {
    super(problem.detail || problem.title);
  }
}

export { session } from './session';
export type { User } from './session';

/** The API, same origin: bearer token from sign-in, problem documents turned into ApiError. */
export async function api<T>(
  path: string,
  init: RequestInit & { json?: unknown } = {},
  retried = false,
): Promise<{ body: T; etag: string | null; status: number }> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', 'vi');
  const token = session.token();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (init.json !== undefined) headers.set('Content-Type', 'application/json');
  const res = await fetch(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  // The access token ended (or was refused): renew it once and ask again; when it cannot be renewed, sign in again.
  if (res.status === 401 && token && !retried) {
    const current = session.token();
    if (current && current !== token) return api<T>(path, init, true);
    const renewed = await renew().catch(() => null);
    if (renewed) return api<T>(path, init, true);
    if (renewed === false) session.expire();
  }
  if (res.status === 304) return { body: null as T, etag: res.headers.get('ETag'), status: 304 };
  if (!res.ok) {
    const { status, statusText } = res;
    throw new ApiError(
      body ?? {
        type: 'about:blank',
        title: statusText,
        status,
        detail: statusText,
        code: 'ERROR',
        statusCode: status,
        message: statusText,
      },
    );
  }
  if (init.method && init.method !== 'GET') window.dispatchEvent(new Event(WROTE));
  return { body: body as T, etag: res.headers.get('ETag'), status: res.status };
}

/** Dispatched on `window` after every accepted write, for views that show what a write may change (see PendingTasks). */
export const WROTE = 'dx:wrote';

/** The last answer of each path read with `getJson` that came with an ETag (a few dozen at most). */
const kept = new Map<string, { etag: string; body: unknown }>();
const KEPT_PATHS = 50;
session.onEnd(() => kept.clear());

/**
 * A GET that revalidates: the ETag of the last answer for the path goes back as If-None-Match,
 * and a 304 reuses that answer's body. The browser's own HTTP cache is kept out of it
 * (`no-store`) so a 304 reaches this code; the explicit `Cache-Control: max-age=0` stops the
 * browser from adding `no-cache` for `no-store`, which would make the server skip its 304.
 */
export async function getJson<T>(path: string): Promise<T> {
  const last = kept.get(path);
  const headers: Record<string, string> = { 'Cache-Control': 'max-age=0' };
  if (last) headers['If-None-Match'] = last.etag;
  const res = await api<T>(path, { cache: 'no-store', headers });
  if (res.status === 304 && last) {
    kept.delete(path);
    kept.set(path, last);
    return last.body as T;
  }
  kept.delete(path);
  if (res.etag) {
    kept.set(path, { etag: res.etag, body: res.body });
    if (kept.size > KEPT_PATHS) kept.delete(kept.keys().next().value!);
  }
  return res.body;
}
