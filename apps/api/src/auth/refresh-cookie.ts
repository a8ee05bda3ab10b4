import type { Request, Response } from 'express';
import type { TokenPair } from '@dx/domain';

/** The refresh token of a browser session, where scripts cannot read it (HttpOnly), sent only to the auth routes. */
export const REFRESH_COOKIE = 'dx_refresh';
const COOKIE_PATH = '/api/v1/auth';

/** A token pair as the browser gets it: the refresh token only in the cookie, never in the body. */
export type CookieTokenPair = Omit<TokenPair, 'refreshToken'>;

/** The refresh cookie's value, when the request carries one. */
export function refreshCookieOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === REFRESH_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Sets the pair's refresh token as an HttpOnly, SameSite=Strict cookie limited to the auth routes (Secure over
 * HTTPS), for as long as the token lives, and returns the pair without it.
 */
export function inRefreshCookie(pair: TokenPair, req: Request, res: Response, ttlDays: number): CookieTokenPair {
  const { refreshToken, ...rest } = pair;
  res.cookie(REFRESH_COOKIE, refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: COOKIE_PATH,
    maxAge: ttlDays * 86_400_000,
  });
  return rest;
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: COOKIE_PATH });
}
