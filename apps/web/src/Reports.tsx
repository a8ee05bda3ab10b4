import { FormEvent, useCallback, useEffect, useState } from 'react';
import { JobWait } from './JobWait';
import { api, ApiError, session } from './api';
import { viDate } from './format';

interface Report { id: string; document: string; period: string; asOf: string; formats: string[]; createdBy: string; createdAt: string }
interface Schedule { id: string; document: string; frequency: string; cron: string | null; formats: string[]; enabled: boolean }
interface Doc { code: string; title: string }

const FREQUENCY: Record<string, string> = { weekly: 'hằng tuần', monthly: 'hằng tháng', quarterly: 'hằng quý', yearly: 'hằng năm', cron: 'theo biểu thức cron' };

/** Downloads a stored report with the session's token (a plain link could not send it). */
async function download(report: Report, format: string) {
  const res = await fetch(`/api/v1/reports/${report.id}/file?format=${format}`, { headers: { Authorization: `Bearer ${session.token()}` } });
  if (!res.ok) return;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `bao-cao-${report.document.replace(/[^A-Za-z0-9-]+/g, '-')}-${report.period}.${format}`;
  a.click();
  URL.revokeObjectURL(url);
}

export function Reports({ province, canOrder, canSchedule }: { province: string; canOrder: boolean; canSchedule: boolean }) {
  const [reports, setReports] = useState<Report[]>([]);
  const [schedules, setSchedules] = useState<Schedule[]>([]);
  const [docs, setDocs] = useState<Doc[]>([]);
  const [document, setDocument] = useState('');
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  const [progress, setProgress] = useState<number | null>(null);
  const [orderedAt, setOrderedAt] = useState(0);
  const [frequency, setFrequency] = useState('monthly');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const [r, s, d] = await Promise.all([
      api<{ items: Report[] }>(`/api/v1/reports?province=${province}&pageSize=50`),
      api<{ items: Schedule[] }>(`/api/v1/report-schedules?province=${province}`),
      api<{ items: Doc[] }>(`/api/v1/documents?province=${province}`),
    ]);
    setReports(r.body.items);
    setSchedules(s.body.items);
    setDocs(d.body.items);
    setDocument((current) => current || d.body.items[0]?.code || '');
  }, [province]);
  useEffect(() => {
    void load();
  }, [load]);

  async function order(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const { body } = await api<{ job: { id: string } }>('/api/v1/reports', { method: 'POST', json: { province, document, period } });
      setProgress(0);
      setOrderedAt(Date.now());
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const job = (await api<{ state: string; progress: number }>(`/api/v1/jobs/${body.job.id}`)).body;
        setProgress(typeof job.progress === 'number' ? job.progress : 0);
        if (job.state === 'completed' || job.state === 'failed') {
          if (job.state === 'failed') setError(`Không tạo được báo cáo sau nhiều lần thử. Hãy báo quản trị viên (mã công việc ${body.job.id}; chi tiết lỗi có trong nhật ký máy chủ).`);
          break;
        }
      }
      setProgress(null);
      await load();
    } catch (err) {
      setProgress(null);
      setError(err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');
    }
  }

  return (
    <div>
      <h1>Báo cáo</h1>
      {canOrder && (
        <form className="card filters" onSubmit={order} aria-label="Tạo báo cáo">
          <label>Văn bản
            <select value={document} onChange={(e) => setDocument(e.target.value)}>{docs.map((d) => <option key={d.code} value={d.code}>{d.code}</option>)}</select>
          </label>
          <label>Kỳ báo cáo<input value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="2023, 2023-Q4, 2023-10" /></label>
          <button type="submit" disabled={progress !== null}>Tạo báo cáo ngay</button>
          {progress !== null && <progress max={100} value={progress} aria-label="Tiến độ tạo báo cáo">{progress}%</progress>}
          {progress !== null && <JobWait since={orderedAt} label="đang tạo báo cáo…" />}
          {error && <p role="alert" className="error">{error}</p>}
        </form>
      )}
      <section className="card" aria-label="Báo cáo đã tạo">
        <table>
          <thead><tr><th>Văn bản</th><th>Kỳ</th><th>Số liệu đến</th><th>Người tạo</th><th>Tệp</th></tr></thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id}>
                <td>{r.document}</td><td>{r.period}</td><td>{viDate(r.asOf)}</td><td>{r.createdBy}</td>
                <td>{r.formats.map((f) => <button key={f} type="button" className="link" onClick={() => void download(r, f)}>{f.toUpperCase()}</button>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-label="Lịch báo cáo">
        <h2>Lịch báo cáo tự động</h2>
        <ul>
          {schedules.map((s) => (
            <li key={s.id}>
              {s.document} · {FREQUENCY[s.frequency]}{s.cron ? ` (${s.cron})` : ''} · {s.formats.join(', ').toUpperCase()}
              {canSchedule && <button type="button" onClick={async () => { await api(`/api/v1/report-schedules/${s.id}`, { method: 'DELETE' }); await load(); }}>Xóa</button>}
            </li>
          ))}
        </ul>
        {canSchedule && (
          <form
            className="filters"
            aria-label="Thêm lịch báo cáo"
            onSubmit={async (e) => {
              e.preventDefault();
              await api('/api/v1/report-schedules', { method: 'POST', json: { province, document, frequency, formats: ['pdf', 'xlsx'] } });
              await load();
            }}
          >
            <label>Tần suất
              <select value={frequency} onChange={(e) => setFrequency(e.target.value)}>
                {Object.entries(FREQUENCY).filter(([k]) => k !== 'cron').map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
            </label>
            <button type="submit">Thêm lịch cho {document}</button>
          </form>
        )}
      </section>
    </div>
  );
}
