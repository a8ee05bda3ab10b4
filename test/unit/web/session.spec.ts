import type { TokenPair } from '@dx/domain';

/** The browser globals session.ts reads, in memory. */
class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, String(v));
  removeItem = (k: string) => void this.items.delete(k);
  keys = () => [...this.items.keys()];
}

const storage = new MemoryStorage();
const fetchMock = jest.fn();
const loc = { hash: '#/cong-viec' };
Object.assign(globalThis, {
  // Object.keys(sessionStorage) lists the stored keys, as in a browser.
  sessionStorage: new Proxy(storage, {
    ownKeys: () => storage.keys(),
    getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
  }),
  location: loc,
  fetch: fetchMock,
});

type Account = { id: string; username: string };
/** What these tests use of apps/web/src/session.ts (typed here: the file itself needs the DOM's types, which tests do not load). */
interface SessionModule {
  renew(): Promise<boolean>;
  session: {
    save(pair: Omit<TokenPair, 'refreshToken'>): void;
    token(): string | null;
    expire(): void;
    expired(): boolean;
    clear(): void;
    takeReturn(user: Account): string | null;
  };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the globals above exist
const { renew, session } = require('@dx/web/session') as SessionModule;

const account = (id: string) => ({ id, username: id, displayName: id, role: 'reporter' as const, orgUnit: 'SNV', province: 'DNG' });
const pair = (id: string, accessToken = `access-${id}`): Omit<TokenPair, 'refreshToken'> => ({
  accessToken,
  tokenType: 'Bearer',
  expiresIn: 900,
  user: account(id),
});
const answer = (status: number, body: unknown) => ({ ok: status < 400, status, json: async () => body });

describe('web session', () => {
  beforeEach(() => {
    for (const k of storage.keys()) storage.removeItem(k);
    fetchMock.mockReset();
    loc.hash = '#/cong-viec';
  });

  it('keeps no refresh token in storage; an expired session keeps its drafts and page for the same account only', () => {
    session.save(pair('a'));
    expect(storage.keys().sort()).toEqual(['dx-expires', 'dx-lifetime', 'dx-token', 'dx-user']);
    storage.setItem('dx-draft:a:task:1', '{"progress":"85"}');
    session.expire();
    expect(loc.hash).toBe('#/dang-nhap');
    expect(session.token()).toBeNull();
    expect(session.expired()).toBe(true);
    expect(storage.getItem('dx-draft:a:task:1')).toBe('{"progress":"85"}');
    // Another account signs in: nothing of the first comes back.
    session.save(pair('b'));
    expect(session.takeReturn(account('b'))).toBeNull();
    expect(storage.getItem('dx-draft:a:task:1')).toBeNull();
    expect(session.expired()).toBe(false);
  });

  it('the same account signing in again goes back to its page; signing out drops the drafts and revokes the cookie', () => {
    session.save(pair('a'));
    storage.setItem('dx-draft:a:task:1', '{}');
    session.expire();
    session.save(pair('a'));
    expect(session.takeReturn(account('a'))).toBe('#/cong-viec');
    expect(storage.getItem('dx-draft:a:task:1')).toBe('{}');
    fetchMock.mockResolvedValue(answer(204, null));
    session.clear();
    expect(storage.keys()).toEqual([]);
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/auth/logout', expect.objectContaining({ method: 'POST', body: '{}' }));
  });

  it('renews once for any number of callers at the same time; refused, or for another account, it is over', async () => {
    session.save(pair('a'));
    fetchMock.mockResolvedValue(answer(200, pair('a', 'access-a-2')));
    expect(await Promise.all([renew(), renew(), renew()])).toEqual([true, true, true]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0][1]).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{}' });
    expect(session.token()).toBe('access-a-2');
    // The cookie now belongs to an account signed in on another tab: its tokens are not this session's.
    fetchMock.mockResolvedValue(answer(200, pair('b')));
    expect(await renew()).toBe(false);
    expect(session.token()).toBe('access-a-2');
    fetchMock.mockResolvedValue(answer(401, { code: 'INVALID_REFRESH_TOKEN' }));
    expect(await renew()).toBe(false);
    // No network: neither renewed nor over (the caller keeps the session).
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(renew()).rejects.toThrow('Failed to fetch');
  });
});
