import { useEffect, useState } from 'react';
import { session, User } from './api';
import { ROLE } from './format';
import { useFocusedItem } from './focus-item';
import { ProvinceSelect, useProvince } from './ProvinceSelect';
import { INBOX } from './notification-links';
import { NotificationBadge } from './NotificationBadge';
import { HOME, mayOpen, routeFor, routesFor, SIGN_IN } from './routes';
import { SignIn } from './SignIn';

/** The page's hash (#/tong-quan, #/cong-viec, …; see ROUTES), the home page's when there is none. */
function useHash(): string {
  const [hash, setHash] = useState(location.hash || HOME);
  useEffect(() => {
    const on = () => setHash(location.hash || HOME);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

export function App() {
  const hash = useHash();
  const [user, setUser] = useState<User | null>(session.user());
  const [province, setProvince] = useProvince(user);
  useFocusedItem(hash);
  // No token: signed out, or the session expired (then back to the sign-in page whatever the address says).
  if (!user || hash === SIGN_IN || !session.token()) {
    return (
      <SignIn
        onSignedIn={(u) => {
          setUser(u);
          location.hash = session.takeReturn(u) ?? HOME;
        }}
      />
    );
  }
  const route = routeFor(hash);
  return (
    <>
      <header className="top">
        <strong>dx-tracker</strong>
        <nav aria-label="Trang">
          {routesFor(user).map((r) => (
            <a key={r.hash} href={r.hash} aria-current={r.hash === route.hash ? 'page' : undefined}>
              {r.label}
            </a>
          ))}
        </nav>
        <NotificationBadge current={route.hash === INBOX} />
        {user.role === 'admin' && <ProvinceSelect province={province} onChange={setProvince} />}
        <span className="who">
          {user.displayName} · {ROLE[user.role]}
          {user.orgUnit && user.orgUnit !== province ? ` · ${user.orgUnit}` : ''}
        </span>
        <button
          type="button"
          onClick={() => {
            session.clear();
            setUser(null);
          }}
        >
          Đăng xuất
        </button>
      </header>
      <main>
        {mayOpen(route, user) ? (
          <route.page key={province} user={user} province={province} />
        ) : (
          <p role="alert" className="error">
            Bạn không có quyền mở trang «{route.label}». <a href={HOME}>Về trang Tổng quan</a>
          </p>
        )}
      </main>
    </>
  );
}
