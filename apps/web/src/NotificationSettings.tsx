import { FormEvent, useEffect, useState } from 'react';
import { api, ApiError, User } from './api';
import { ACCOUNT_EMAIL, DeliveryMode, emailProblem, kindLabel, MODE_LABELS, PREFERENCES, PreferenceItem } from './notification-links';
import { ProvinceNotifications } from './ProvinceNotifications';
import { useApi } from './use-api';

const problemText = (err: unknown) => (err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');

/** The account's email address: checked here first, then by the API; the error sits under the field. */
function EmailForm() {
  const me = useApi<{ email: string | null }>(ACCOUNT_EMAIL);
  const [email, setEmail] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const value = email ?? me.data?.email ?? '';
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const problem = emailProblem(value);
    setError(problem);
    if (problem) return;
    try {
      const next = value.trim() || null;
      await api(ACCOUNT_EMAIL, { method: 'PUT', json: { email: next } });
      setSaved(next ? `Đã lưu địa chỉ email ${next}` : 'Đã bỏ địa chỉ email; thông báo chỉ còn trong ứng dụng');
      await me.reload();
      setEmail(null);
    } catch (err) {
      setError(problemText(err));
    }
  }
  return (
    <form className="card" aria-label="Địa chỉ email" onSubmit={save} noValidate>
      <h2>Địa chỉ email</h2>
      <label>
        Email nhận thông báo
        <input
          type="email"
          value={value}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'email-error' : 'email-hint'}
          autoComplete="email"
          placeholder="ten@donvi.gov.vn"
        />
      </label>
      {error ? (
        <p id="email-error" role="alert" className="error">
          {error}
        </p>
      ) : (
        <p id="email-hint" className="muted">
          Để trống để không nhận email.
        </p>
      )}
      <button type="submit">Lưu email</button>
      {saved && (
        <p role="status" className="ok">
          {saved}
        </p>
      )}
    </form>
  );
}

/** One kind of event: its channel and whether single emails are gathered into one a day. */
function PreferenceRow({ p, onChange }: { p: PreferenceItem; onChange: (change: Partial<PreferenceItem>) => void }) {
  return (
    <li data-testid={`pref-${p.kind}`}>
      <span className="kind">{kindLabel(p.kind)}</span>
      <select
        aria-label={`Kênh nhận: ${kindLabel(p.kind)}`}
        value={p.mode}
        onChange={(e) => onChange({ mode: e.target.value as DeliveryMode })}
      >
        {(Object.keys(MODE_LABELS) as DeliveryMode[]).map((m) => (
          <option key={m} value={m}>
            {MODE_LABELS[m]}
          </option>
        ))}
      </select>
      <label className="inline">
        <input type="checkbox" checked={p.digest} disabled={p.mode === 'in_app'} onChange={(e) => onChange({ digest: e.target.checked })} />
        <span>
          <span className="sr-only">{kindLabel(p.kind)}: </span>gộp thành một thư mỗi ngày
        </span>
      </label>
    </li>
  );
}

/** Per kind of event: in the app only, by email, or both; and a daily digest instead of single mails. */
function PreferencesForm() {
  const { data, error, reload } = useApi<{ items: PreferenceItem[] }>(PREFERENCES);
  const [draft, setDraft] = useState<PreferenceItem[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setDraft(data ? data.items : null), [data]);
  const set = (kind: string, change: Partial<PreferenceItem>) =>
    setDraft((d) => d && d.map((p) => (p.kind === kind ? { ...p, ...change } : p)));
  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setMessage(null);
    try {
      await api(PREFERENCES, { method: 'PUT', json: { items: draft } });
      setMessage({ ok: true, text: 'Đã lưu cài đặt thông báo' });
      await reload();
    } catch (err) {
      setMessage({ ok: false, text: problemText(err) });
    }
  }
  return (
    <form className="card" aria-label="Cách nhận thông báo" onSubmit={save}>
      <h2>Cách nhận thông báo</h2>
      {error && !draft ? (
        <p role="alert" className="error">
          {problemText(error)}
        </p>
      ) : null}
      <ul className="prefs" aria-label="Cách nhận theo loại thông báo">
        {draft?.map((p) => (
          <PreferenceRow key={p.kind} p={p} onChange={(change) => set(p.kind, change)} />
        ))}
      </ul>
      {draft && draft.length === 0 && <p className="muted">Chưa có loại thông báo nào.</p>}
      <button type="submit" disabled={!draft}>
        Lưu cài đặt
      </button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

/** "Cài đặt thông báo": the account's address and choices; for officers and admins the province's reminders, webhook and failed deliveries. */
export function NotificationSettings({ user, province }: { user: User; province: string }) {
  const officer = user.role === 'officer' || user.role === 'admin';
  return (
    <div className="notification-settings">
      <h1>Cài đặt thông báo</h1>
      <EmailForm />
      <PreferencesForm />
      {officer && <ProvinceNotifications province={province} />}
    </div>
  );
}
