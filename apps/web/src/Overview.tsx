import { useState } from 'react';
import type { DashboardResponse, SummaryResponse } from '@dx/domain';
import type { User } from './api';
import { DirectiveForm } from './DirectiveForm';
import { DocumentCard } from './DocumentCard';
import { DtiPanel } from './DtiPanel';
import { JobWait } from './JobWait';
import { KpiTiles } from './KpiTiles';
import { viDate } from './format';
import { useApi } from './use-api';
import { REFRESH_MS, usePendingJob } from './use-pending-job';
import { EmptyRow } from './EmptyRow';

/** While a date is being computed (a job usually takes well under a second), ask more often. */
const PENDING_REFRESH_MS = 500;

/** When the summary was computed; else the job computing it, how long it has waited, or that it failed for good. */
function Freshness({ summary }: { summary: SummaryResponse }) {
  const pending = usePendingJob(summary.computedAt ? null : summary.pendingJob);
  if (summary.computedAt) return <span className="muted">cập nhật {new Date(summary.computedAt).toLocaleString('vi-VN')}</span>;
  if (pending?.failed) {
    return (
      <span role="alert" className="error">
        Không tính được tình trạng tại ngày này sau nhiều lần thử. Hãy báo quản trị viên (mã công việc {summary.pendingJob}; chi tiết lỗi có
        trong nhật ký máy chủ).
      </span>
    );
  }
  return <JobWait since={pending?.since ?? Date.now()} />;
}

function TasksByLead({ byLead }: { byLead: DashboardResponse['tasks']['byLead'] }) {
  return (
    <section className="card" aria-label="Nhiệm vụ quá hạn theo cơ quan">
      <h2>Nhiệm vụ theo cơ quan chủ trì</h2>
      <table>
        <thead>
          <tr>
            <th>Cơ quan</th>
            <th>Hoàn thành</th>
            <th>Quá hạn</th>
          </tr>
        </thead>
        <tbody>
          {byLead.length === 0 && <EmptyRow columns={3}>Chưa có nhiệm vụ nào được giao cho cơ quan chủ trì.</EmptyRow>}
          {byLead.map((l) => (
            <tr key={l.lead}>
              <td>{l.name}</td>
              <td>
                {l.done}/{l.total}
              </td>
              <td className={l.overdue ? 'danger' : ''}>{l.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * A province at a glance, kept fresh: its documents' statuses, DTI, KPIs, tasks by lead agency
 * and open directives. Summary and dashboard are polled (faster while a date is being computed).
 */
export function Overview({ province, user }: { province: string; user: User }) {
  const [asOf, setAsOf] = useState('');
  const q = asOf ? `?as_of=${asOf}` : '';
  const summary = useApi<SummaryResponse>(`/api/v1/provinces/${province}/summary${q}`, {
    refreshMs: (s) => (s && !s.computedAt ? PENDING_REFRESH_MS : REFRESH_MS),
  });
  const computing = summary.data !== undefined && !summary.data.computedAt;
  const dash = useApi<DashboardResponse>(`/api/v1/provinces/${province}/dashboard${q}`, {
    refreshMs: () => (computing ? PENDING_REFRESH_MS : REFRESH_MS),
  });
  const error = summary.error ?? dash.error;

  if (error && !summary.data) return <p role="alert">{(error as Error).message}</p>;
  if (!summary.data || !dash.data) return <p>Đang tải…</p>;
  const { data: s } = summary;
  const { data: d } = dash;
  const directs = user.role === 'leader' || user.role === 'admin' || user.role === 'officer';
  return (
    <div className="overview">
      <div className="heading">
        <h1>{s.province.name}</h1>
        <label>
          Tình trạng tại ngày <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} aria-label="Ngày xem tình trạng" />
        </label>
        <Freshness summary={s} />
      </div>

      {s.documents.map((doc) => (
        <DocumentCard key={doc.code} document={doc} />
      ))}

      <DtiPanel province={province} asOf={asOf} />

      <KpiTiles kpis={d.kpis} province={province} />

      <TasksByLead byLead={d.tasks.byLead} />

      <section className="card" aria-label="Ý kiến chỉ đạo">
        <h2>
          Ý kiến chỉ đạo đang mở: {d.directives.open}
          {d.directives.overdue ? `, ${d.directives.overdue} quá hạn` : ''}
        </h2>
        <ul>
          {d.openDirectives.map((x) => (
            <li key={x.id} className={x.overdue ? 'danger' : ''}>
              {x.body} — {x.assignee ?? 'chưa giao'} · hạn {viDate(x.due)}
            </li>
          ))}
        </ul>
        {directs && (
          <DirectiveForm
            documents={s.documents}
            kind={user.role === 'officer' ? 'comment' : 'directive'}
            province={province}
            onDone={() => {
              void summary.reload();
              void dash.reload();
            }}
          />
        )}
      </section>
    </div>
  );
}
