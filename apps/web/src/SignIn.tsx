import { FormEvent, useState } from 'react';
import type { DemoAccounts } from '@dx/domain';
import { api, ApiError, session, User } from './api';
import { ROLE } from './format';
import { EXPIRED_MESSAGE, SignedIn } from './session';
import { useApi } from './use-api';

export function SignIn({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [expired] = useState(session.expired);
  const { data: demo } = useApi<DemoAccounts>('/api/v1/auth/demo');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const { body } = await api<SignedIn>('/api/v1/auth/login', { method: 'POST', json: { username, password, refreshCookie: true } });
      session.save(body);
      onSignedIn(body.user);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Không kết nối được máy chủ; hãy kiểm tra mạng và thử lại');
    }
  }

  return (
    <main className="signin">
      <h1>Theo dõi chuyển đổi số</h1>
      <form onSubmit={submit} aria-label="Đăng nhập">
        {expired && !error && (
          <p role="alert" className="error">
            {EXPIRED_MESSAGE}
          </p>
        )}
        <label>
          Tên đăng nhập
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          Mật khẩu
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit">Đăng nhập</button>
      </form>
      {demo?.demo && (
        <section className="demo" aria-label="Tài khoản dùng thử">
          <h2>Tài khoản dùng thử</h2>
          <p>Mật khẩu được in ra một lần khi máy chủ khởi động lần đầu.</p>
          <ul>
            {demo.accounts.map((a) => (
              <li key={a.username}>
                <button type="button" className="link" onClick={() => setUsername(a.username)}>
                  {a.username}
                </button>{' '}
                — {a.displayName} ({ROLE[a.role] ?? a.role})
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
