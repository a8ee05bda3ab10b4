import { useState } from 'react';
import type { GoalStatusResponse, GoalView, Page, Serialized, SummaryResponse, TaskResponse } from '@dx/domain';
import { GOAL_STATUS, TASK_STATUS, viDate, viNumber, viPeriod } from './format';
import { useApi } from './use-api';

type Task = Serialized<TaskResponse>;

/** Why a status changed, in words. */
const REASONS: Record<string, string> = {
  outbox: 'sau khi cập nhật dữ liệu',
  import: 'nhập kế hoạch',
  'schedule:daily': 'sang ngày mới',
  'schedule:weekly': 'rà soát hằng tuần',
  cli: 'tính lại thủ công',
  report: 'khi lập báo cáo',
  'api:summary': 'khi xem tình trạng',
};

function GoalRow({ goal }: { goal: GoalView }) {
  const [open, setOpen] = useState(false);
  const { data } = useApi<Serialized<GoalStatusResponse>>(open ? `/api/v1/goals/${goal.id}/status` : null);
  const history = open ? (data?.history ?? null) : null;
  return (
    <li>
      <span className={`status ${goal.status}`}>{GOAL_STATUS[goal.status ?? 'no_data']}</span> <strong>{goal.code}</strong> {goal.title}
      <span className="muted">
        {goal.target ? ` · chỉ tiêu ${goal.target.op} ${viNumber(goal.target.value)}` : ` · hạn ${viDate(goal.due)}`}
        {goal.actual !== null ? ` · thực tế ${viNumber(goal.actual)} (${viPeriod(goal.actualPeriod)})` : ''}
        {goal.unverified ? ' · chưa có văn bản chứng minh' : ''}
      </span>{' '}
      <button type="button" className="link" aria-expanded={history !== null} onClick={() => setOpen(!open)}>
        lịch sử
      </button>
      {history && (
        <ol className="history">
          {history.length === 0 && <li className="muted">chưa có thay đổi</li>}
          {history.map((h, i) => (
            <li key={i}>
              {viDate(h.asOf)}: {h.from ? GOAL_STATUS[h.from] : '—'} → {GOAL_STATUS[h.to]} ({REASONS[h.reason] ?? h.reason})
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

/** Document → goal groups and task groups → goals and tasks, with status, evidence, history and completeness. */
export function PlanTree({ province }: { province: string }) {
  const summary = useApi<SummaryResponse>(`/api/v1/provinces/${province}/summary`);
  const list = useApi<Page<Task>>(`/api/v1/tasks?province=${province}&pageSize=200`);
  // Shown once both have come, as one page.
  if (!summary.data || !list.data) return <p>Đang tải…</p>;
  const docs = summary.data.documents;
  const tasks = list.data.items;
  return (
    <div className="tree">
      <h1>Cây kế hoạch</h1>
      {docs.map((d) => (
        <details key={d.code} open className="card" aria-label={`Văn bản ${d.code}`}>
          <summary>
            <strong>{d.code}</strong> — {d.title}
            {d.implements ? <span className="muted"> (thực hiện {d.implements})</span> : null}
          </summary>
          {d.goalGroups.map((g) => (
            <details key={g.code} className="group">
              <summary>
                Nhóm mục tiêu {g.code} — {g.name}{' '}
                <span className="muted">
                  {g.rollup.goals ? `${g.rollup.goals.met}/${g.rollup.goals.total} đạt` : ''}
                  {g.rollup.goals?.declared != null ? ` · ${g.rollup.goals.recorded}/${g.rollup.goals.declared} mục tiêu đã nhập` : ''}
                </span>
              </summary>
              <ul>
                {g.goals.map((goal) => (
                  <GoalRow key={goal.id} goal={goal} />
                ))}
              </ul>
            </details>
          ))}
          {d.taskGroups.map((g) => {
            const list = tasks.filter((t) => t.document === d.code && t.group === g.code);
            return (
              <details key={g.code} className="group">
                <summary>
                  Nhóm nhiệm vụ {g.code} — {g.name}{' '}
                  <span className="muted">
                    {g.rollup.tasks?.declared != null
                      ? `${g.rollup.tasks.recorded}/${g.rollup.tasks.declared} nhiệm vụ đã nhập`
                      : `${list.length} nhiệm vụ`}
                  </span>
                </summary>
                <ul>
                  {list.map((t) => (
                    <li key={t.id}>
                      <strong>{t.code}</strong> {t.title}{' '}
                      <span className="muted">
                        · {t.lead.name} · {TASK_STATUS[t.status]}
                        {t.overdue ? ' · quá hạn' : ''} · hạn {viDate(t.due)}
                        {t.evidence
                          ? ` · văn bản ${t.evidence.number}${t.evidence.date ? ` ngày ${viDate(t.evidence.date)}` : ''}${t.evidence.issuer ? ` của ${t.evidence.issuer}` : ''}`
                          : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </details>
            );
          })}
        </details>
      ))}
    </div>
  );
}
