import type { PublicAccount, TokenPair } from '@dx/domain';

const TOKEN_KEY = 'dx-token';
const USER_KEY = 'dx-user';
/** When the access token ends (ms since the epoch). */
const EXPIRES_KEY = 'dx-expires';
/** How long an access token lasts (ms). */
const LIFETIME_KEY = 'dx-lifetime';
/** Set when the session ended by itself: who it was, and the page to go back to after signing in again. */
const EXPIRED_KEY = 'dx-expired';
/** Unsaved forms, per account: `dx-draft:<username>:<form>` (see use-draft.ts). */
export const DRAFT_PREFIX = 'dx-draft:';

/** What the sign-in page says when the session could not be renewed. */
export const EXPIRED_MESSAGE = 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại';
export const SIGN_IN_HASH = '#/dang-nhap';

/** How often the access token's end is looked at, and how long before it a new one is asked for. */
const CHECK_EVERY_MS = 2_000;
const MAX_MARGIN_MS = 60_000;

/** The signed-in account, as sign-in returned it. */
export type User = PublicAccount;

/**
 * What sign-in and renewal give the page: the access token and the account. The refresh token stays in an
 * HttpOnly cookie of /api/v1/auth (sign-in asks for it with `refreshCookie: true`), out of the scripts' reach.
 */
export type SignedIn = Omit<TokenPair, 'refreshToken'>;

function draftKeys(username?: string): string[] {
  const prefix = username === undefined ? DRAFT_PREFIX : `${DRAFT_PREFIX}${username}:`;
  return Object.keys(sessionStorage).filter((k) => k.startsWith(prefix));
}

function dropTokens() {
  for (const key of [TOKEN_KEY, USER_KEY, EXPIRES_KEY, LIFETIME_KEY]) sessionStorage.removeItem(key);
}

/** Called when a session ends (sign-out or expiry): cached answers of the last account must go. */
let onEnd: () => void = () => {};

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  user: (): User | null => JSON.parse(sessionStorage.getItem(USER_KEY) ?? 'null'),
  onEnd(fn: () => void) {
    onEnd = fn;
  },
  save(pair: SignedIn) {
    sessionStorage.setItem(TOKEN_KEY, pair.accessToken);
    sessionStorage.setItem(EXPIRES_KEY, String(Date.now() + pair.expiresIn * 1000));
    sessionStorage.setItem(LIFETIME_KEY, String(pair.expiresIn * 1000));
    sessionStorage.setItem(USER_KEY, JSON.stringify(pair.user));
  },
  /** Signing out: the refresh cookie's token is revoked and nothing of the session is kept, unsaved forms included. */
  clear() {
    if (session.token()) {
      void fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(
        () => undefined,
      );
    }
    dropTokens();
    sessionStorage.removeItem(EXPIRED_KEY);
    for (const key of draftKeys()) sessionStorage.removeItem(key);
    onEnd();
  },
  /** The session could not be renewed: to the sign-in page, keeping the account's unsaved forms and the page it was on. */
  expire() {
    const user = session.user();
    if (!user) return;
    const back = location.hash === SIGN_IN_HASH ? '' : location.hash;
    sessionStorage.setItem(EXPIRED_KEY, JSON.stringify({ username: user.username, hash: back }));
    dropTokens();
    onEnd();
    location.hash = SIGN_IN_HASH;
  },
  /** Whether the sign-in page is shown because the session expired. */
  expired: () => sessionStorage.getItem(EXPIRED_KEY) !== null,
  /**
   * After signing in: the page the same account was on when its session expired (its unsaved forms
   * are still there). Another account gets nothing back, and the earlier account's drafts are dropped.
   */
  takeReturn(user: User): string | null {
    const raw = sessionStorage.getItem(EXPIRED_KEY);
    sessionStorage.removeItem(EXPIRED_KEY);
    for (const key of draftKeys()) if (!key.startsWith(`${DRAFT_PREFIX}${user.username}:`)) sessionStorage.removeItem(key);
    if (!raw) return null;
    const { username, hash } = JSON.parse(raw) as { username: string; hash: string };
    return username === user.username && hash ? hash : null;
  },
};

let renewing: Promise<boolean> | null = null;

/**
 * A new access token for the refresh cookie (whose token is then replaced); one request at a time, shared by
 * every caller. False when the API refuses it (the session is over); a network failure throws.
 */
export function renew(): Promise<boolean> {
  renewing ??= (async () => {
    const who = session.user()?.id;
    if (!who) return false;
    const res = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'vi' },
      body: '{}',
    });
    if (!res.ok) return false;
    const pair = (await res.json()) as SignedIn;
    // Signed out meanwhile, or the cookie is now another account's (signed in on another tab): not this session's.
    if (session.user()?.id !== who || pair.user.id !== who) return false;
    session.save(pair);
    return true;
  })().finally(() => {
    renewing = null;
  });
  return renewing;
}

/** Renews the access token shortly before it ends (a fifth of its life before, a minute at most), while signed in. */
function renewWhenDue() {
  const expires = Number(sessionStorage.getItem(EXPIRES_KEY));
  if (!expires || !session.token() || renewing) return;
  const margin = Math.min(MAX_MARGIN_MS, Number(sessionStorage.getItem(LIFETIME_KEY)) / 5);
  if (Date.now() < expires - margin) return;
  renew().then(
    (ok) => {
      if (!ok) session.expire();
    },
    () => undefined,
  );
}

if (typeof window !== 'undefined') {
  setInterval(renewWhenDue, CHECK_EVERY_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') renewWhenDue();
  });
}
