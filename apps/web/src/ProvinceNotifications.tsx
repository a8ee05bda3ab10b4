import { FormEvent, useEffect, useState } from 'react';
import { viMoment } from '@dx/domain';
import { api, ApiError } from './api';
import {
  CHANNEL_LABELS,
  DeliveryItem,
  failedDeliveriesPath,
  kindLabel,
  parseDueSoonDays,
  provinceSettingsPath,
  ProvinceNotificationSettings,
  webhookUrlProblem,
} from './notification-links';
import { errorsOf } from './PlanItemDialogs';
import { useApi } from './use-api';

const problemText = (err: unknown) => (err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');

interface Errors {
  days?: string;
  url?: string;
  secret?: string;
  form?: string;
}

/** A refused save's problems next to their fields (the API's field paths), the rest under the form. */
function fieldErrors(err: unknown): Errors {
  const byPath = errorsOf(err);
  const names: Record<string, keyof Errors> = { dueSoonDays: 'days', webhookUrl: 'url', webhookSecret: 'secret' };
  const errors: Errors = {};
  for (const [path, messages] of Object.entries(byPath)) {
    const key = names[path] ?? 'form';
    errors[key] = [errors[key], ...messages].filter(Boolean).join('; ');
  }
  return errors;
}

/** Checks the form; the errors by field, and the body to send when there are none. */
function check(days: string, url: string, secret: string, version: number): { errors: Errors; body?: Record<string, unknown> } {
  const dueSoonDays = parseDueSoonDays(days);
  const errors: Errors = {};
  if (!dueSoonDays) errors.days = 'Nhập số ngày từ 1 đến 365, cách nhau bởi dấu phẩy (ví dụ: 7, 1)';
  const urlProblem = webhookUrlProblem(url);
  if (urlProblem) errors.url = urlProblem;
  if (secret && (secret.length < 16 || secret.length > 200)) errors.secret = 'Khóa bí mật cần từ 16 đến 200 ký tự';
  if (errors.days || errors.url || errors.secret) return { errors };
  return { errors, body: { dueSoonDays, webhookUrl: url.trim() || null, ...(secret ? { webhookSecret: secret } : {}), version } };
}

/** A field's (or the form's) problem, under it. */
function ErrorText({ id, text }: { id?: string; text?: string }) {
  return text ? (
    <p id={id} role="alert" className="error">
      {text}
    </p>
  ) : null;
}

/** The province's reminder days before a task's due date, and its webhook (the secret can be replaced, never read). */
function ProvinceSettingsForm({ province }: { province: string }) {
  const path = provinceSettingsPath(province);
  const { data, error, reload } = useApi<ProvinceNotificationSettings>(path);
  const [days, setDays] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!data) return;
    setDays(data.dueSoonDays.join(', '));
    setUrl(data.webhookUrl ?? '');
  }, [data]);
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (!data) return;
    const checked = check(days, url, secret, data.version);
    setErrors(checked.errors);
    if (!checked.body) return;
    try {
      await api(path, { method: 'PUT', json: checked.body });
      setSecret('');
      setSaved(true);
      await reload();
    } catch (err) {
      setErrors(fieldErrors(err));
    }
  }
  const field = (id: keyof Errors) => (errors[id] ? { 'aria-invalid': true, 'aria-describedby': `pn-${id}-error` } : {});
  return (
    <form className="card" aria-label="Cài đặt nhắc việc của tỉnh" onSubmit={save} noValidate>
      <h2>Nhắc việc và webhook của tỉnh {province}</h2>
      {error && !data ? (
        <p role="alert" className="error">
          {problemText(error)}
        </p>
      ) : null}
      <label>
        Nhắc trước hạn (số ngày)
        <input value={days} onChange={(e) => setDays(e.target.value)} placeholder="7, 1" inputMode="numeric" {...field('days')} />
      </label>
      <ErrorText id="pn-days-error" text={errors.days} />
      <label>
        Địa chỉ webhook
        <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" {...field('url')} />
      </label>
      <ErrorText id="pn-url-error" text={errors.url} />
      <label>
        Khóa bí mật của webhook
        <input
          type="password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          autoComplete="new-password"
          placeholder={data?.hasWebhookSecret ? 'đã đặt — để trống để giữ nguyên' : 'chưa đặt'}
          {...field('secret')}
        />
      </label>
      <ErrorText id="pn-secret-error" text={errors.secret} />
      <p className="muted" data-testid="webhook-secret-state">
        {data?.hasWebhookSecret ? 'Khóa bí mật đã được đặt (không hiển thị lại).' : 'Chưa đặt khóa bí mật.'}
      </p>
      <button type="submit" disabled={!data}>
        Lưu cài đặt của tỉnh
      </button>
      <ErrorText text={errors.form} />
      {saved && (
        <p role="status" className="ok">
          Đã lưu cài đặt nhắc việc của tỉnh
        </p>
      )}
    </form>
  );
}

/** Emails and webhook calls that failed for good: to whom, by which channel, how many tries, the last error, when. */
function FailedDeliveries({ province }: { province: string }) {
  const { data, error } = useApi<{ items: DeliveryItem[] }>(failedDeliveriesPath(province), { refreshMs: 60_000 });
  return (
    <section className="card" aria-labelledby="failed-title">
      <h2 id="failed-title">Gửi thông báo không thành công</h2>
      {error && !data ? (
        <p role="alert" className="error">
          {problemText(error)}
        </p>
      ) : null}
      <table aria-label="Lần gửi không thành công" className="stack">
        <thead>
          <tr>
            <th>Người nhận</th>
            <th>Kênh</th>
            <th>Số lần thử</th>
            <th>Lỗi gần nhất</th>
            <th>Thời điểm</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((d) => (
            <tr key={d.id} data-testid="failed-delivery">
              <td data-label="Người nhận">
                {d.recipient}
                <br />
                <span className="muted">{d.subject ?? kindLabel(d.kind)}</span>
              </td>
              <td data-label="Kênh">{CHANNEL_LABELS[d.channel] ?? d.channel}</td>
              <td className="num" data-label="Số lần thử">
                {d.attempts}
              </td>
              <td data-label="Lỗi gần nhất">{d.lastError ?? '—'}</td>
              <td data-label="Thời điểm">{viMoment(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.items.length === 0 && <p className="muted">Chưa có lần gửi nào không thành công.</p>}
    </section>
  );
}

export function ProvinceNotifications({ province }: { province: string }) {
  return (
    <>
      <ProvinceSettingsForm province={province} />
      <FailedDeliveries province={province} />
    </>
  );
}
