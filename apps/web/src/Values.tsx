import { FormEvent, useEffect, useState } from 'react';
import type { BulkUploadResult, ObservationWriteResponse, Page, ProblemField, Serialized, TrackedIndicator } from '@dx/domain';
import { api, ApiError, session, User } from './api';
import { APPROVER } from './format';
import { IndicatorOptions } from './options';
import { useApi } from './use-api';
import { ValueList } from './ValueList';

/** The rows the API refused, with their lines and reasons. */
function RefusedRows({ errors }: { errors: ProblemField[] }) {
  return (
    <section className="card error" aria-label="Các dòng bị từ chối">
      <table>
        <thead>
          <tr>
            <th>Dòng</th>
            <th>Vị trí</th>
            <th>Lỗi</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td>{e.line ?? '—'}</td>
              <td>
                <code>{e.path}</code>
              </td>
              <td>{e.messages.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** What a form reports back: a sentence, and the rows or fields the API refused (none after a success). */
type Outcome = (message: string, errors: ProblemField[]) => void;

/** How a form tells the page: `sending` as a request leaves (the last refused rows go), `report` when it is answered. */
interface Reporting {
  sending: () => void;
  report: Outcome;
}

/** An API refusal as a message and the refused rows; a network failure as a message. */
function refusal(e: unknown, report: Outcome) {
  if (e instanceof ApiError) report(e.problem.detail, e.problem.errors ?? []);
  else report('Không kết nối được máy chủ', []);
}

/** One value of one indicator for an agency and period. */
function OneValue({ user, province, sending, report }: { user: User; province: string } & Reporting) {
  const { data: list } = useApi<Page<TrackedIndicator>>(`/api/v1/indicators?province=${province}&pageSize=200`);
  const indicators = list?.items ?? [];
  const [indicator, setIndicator] = useState('');
  const [org, setOrg] = useState(user.role === 'reporter' ? (user.orgUnit ?? '') : province);
  const [period, setPeriod] = useState('');
  const [value, setValue] = useState('');
  useEffect(() => {
    if (list) setIndicator((c) => c || list.items[0]?.code || '');
  }, [list]);

  async function send(e: FormEvent) {
    e.preventDefault();
    sending();
    try {
      const res = await api<Serialized<ObservationWriteResponse>>('/api/v1/observations', {
        method: 'POST',
        json: { indicator, province, org, period, value },
      });
      report(
        'submission' in res.body
          ? `Đã gửi số liệu, chờ ${APPROVER()} duyệt`
          : res.body.created
            ? 'Đã ghi số liệu mới'
            : 'Đã cập nhật số liệu',
        [],
      );
    } catch (err) {
      refusal(err, report);
    }
  }

  return (
    <form className="card filters" onSubmit={send} aria-label="Nhập một số liệu">
      <label>
        Chỉ số
        <select value={indicator} onChange={(e) => setIndicator(e.target.value)}>
          <IndicatorOptions indicators={indicators} />
        </select>
      </label>
      <label>
        Đơn vị
        <input value={org} onChange={(e) => setOrg(e.target.value)} />
      </label>
      <label>
        Kỳ
        <input value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="Quý 1/2024, Tháng 3/2024, Năm 2024" required />
      </label>
      <label>
        Giá trị
        <input value={value} onChange={(e) => setValue(e.target.value)} inputMode="decimal" required />
      </label>
      <button type="submit">Ghi</button>
    </form>
  );
}

/** Downloads the province's template (its indicators, Vietnamese column names, an example row) with the session's token. */
async function downloadTemplate(province: string, format: 'csv' | 'xlsx') {
  const res = await fetch(`/api/v1/provinces/${province}/observation-template.${format}`, {
    headers: { Authorization: `Bearer ${session.token()}` },
  });
  if (!res.ok) return;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `mau-so-lieu-${province}.${format}`;
  a.click();
  URL.revokeObjectURL(url);
}

/** A CSV or Excel file of values: all or nothing, or the valid rows only. */
function Upload({ province, sending, report }: { province: string } & Reporting) {
  const [file, setFile] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);

  async function send(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    sending();
    const type = file.name.toLowerCase().endsWith('.xlsx')
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'text/csv';
    try {
      const { body } = await api<BulkUploadResult>(`/api/v1/observations/bulk?province=${province}&partial=${partial}`, {
        method: 'POST',
        body: await file.arrayBuffer(),
        headers: { 'Content-Type': type },
      });
      report(
        `${body.accepted}/${body.total} dòng được nhận (${body.created} mới, ${body.updated} cập nhật, ${body.submitted} chờ duyệt)${body.rejected ? `, ${body.rejected} dòng bị từ chối` : ''}`,
        body.errors,
      );
    } catch (err) {
      refusal(err, report);
    }
  }

  return (
    <form className="card filters" onSubmit={send} aria-label="Tải lên tệp số liệu">
      <label>
        Tệp CSV hoặc Excel (cột Mã chỉ tiêu, Mã đơn vị, Kỳ, Giá trị … như tệp mẫu)
        <input type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <span>
        Tải mẫu{' '}
        <button type="button" className="link" aria-label="Tải mẫu CSV" onClick={() => void downloadTemplate(province, 'csv')}>
          CSV
        </button>{' '}
        /{' '}
        <button type="button" className="link" aria-label="Tải mẫu XLSX" onClick={() => void downloadTemplate(province, 'xlsx')}>
          XLSX
        </button>
      </span>
      <label className="inline">
        <input type="checkbox" checked={partial} onChange={(e) => setPartial(e.target.checked)} /> Chỉ nhận các dòng hợp lệ (bỏ qua các dòng
        lỗi)
      </label>
      <button type="submit" disabled={!file}>
        Tải lên
      </button>
    </form>
  );
}

/** KPI values: one at a time, or a CSV/Excel file of up to 10,000 rows with every refused row listed. */
export function Values({ user, province }: { user: User; province: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<ProblemField[]>([]);
  // Counts the answered writes: the list below reads again after each.
  const [changes, setChanges] = useState(0);
  const reporting: Reporting = {
    sending: () => setErrors([]),
    report: (m, e) => {
      setMessage(m);
      setErrors(e);
      setChanges((c) => c + 1);
    },
  };
  return (
    <div>
      <h1>Nhập số liệu chỉ số</h1>
      <OneValue user={user} province={province} {...reporting} />
      <Upload province={province} {...reporting} />
      {message && <p role="status">{message}</p>}
      {errors.length > 0 && <RefusedRows errors={errors} />}
      <ValueList user={user} province={province} changes={changes} />
    </div>
  );
}
