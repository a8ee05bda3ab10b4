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
  const body = readJson(text);
  // The access token ended (or was refused): renew it once and ask again; when it cannot be renewed, sign in again.
  if (res.status === 401 && token && !retried) {
    const current = session.token();
    if (current && current !== token) return api<T>(path, init, true);
    const renewed = await renew().catch(() => null);
    if (renewed) return api<T>(path, init, true);
    if (renewed === false) session.expire();
  }
  if (res.status === 304) return { body: null as T, etag: res.headers.get('ETag'), status: 304 };
  if (!res.ok) throw new ApiError(isProblem(body) ? body : fallbackProblem(res.status));
  if (body === undefined) throw new ApiError({ ...fallbackProblem(502), detail: 'Máy chủ trả về dữ liệu không đọc được' });
  if (init.method && init.method !== 'GET') window.dispatchEvent(new Event(WROTE));
  return { body: body as T, etag: res.headers.get('ETag'), status: res.status };
}

/** The body as JSON: null when it is empty, undefined when it is not JSON (a proxy's HTML error page). */
function readJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return undefined;
  }
}

const isProblem = (body: unknown): body is ProblemDocument =>
  typeof body === 'object' && body !== null && typeof (body as ProblemDocument).detail === 'string';

const STATUS_DETAIL: Record<number, string> = {
  401: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại',
  403: 'Không có quyền thực hiện thao tác này',
  404: 'Không tìm thấy',
  413: 'Dữ liệu gửi lên quá lớn',
  429: 'Quá nhiều yêu cầu; hãy thử lại sau ít phút',
};

/** What to tell the reader when the answer is no problem document of the API (a gateway, a proxy): in Vietnamese, by status. */
function fallbackProblem(status: number): ProblemDocument {
  const detail =
    STATUS_DETAIL[status] ??
    (status >= 500 ? 'Máy chủ tạm thời không trả lời được; hãy thử lại sau ít phút' : `Yêu cầu không thực hiện được (mã lỗi ${status})`);
  return { type: 'about:blank', title: detail, status, detail, code: 'ERROR', statusCode: status, message: detail };
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
