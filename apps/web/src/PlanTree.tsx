import { ReactNode, useState } from 'react';
import type { GoalStatusResponse, GoalView, Page, Serialized, SummaryDocument, SummaryResponse, TaskResponse } from '@dx/domain';
import type { User } from './api';
import { AddGoalButton, AddTaskButton, GoalItemActions, TaskItemActions } from './PlanItemActions';
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

function GoalRow({ goal, actions }: { goal: GoalView; actions?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const { data } = useApi<Serialized<GoalStatusResponse>>(open ? `/api/v1/goals/${goal.id}/status` : null);
  const history = open ? (data?.history ?? null) : null;
  return (
    <li>
      {goal.cancelled ? (
        <span className="status cancelled">đã hủy</span>
      ) : (
        <span className={`status ${goal.status}`}>{GOAL_STATUS[goal.status ?? 'no_data']}</span>
      )}{' '}
      <strong>{goal.code}</strong> {goal.title}
      <span className="muted">
        {goal.target ? ` · chỉ tiêu ${goal.target.op} ${viNumber(goal.target.value)}` : ` · hạn ${viDate(goal.due)}`}
        {goal.actual !== null ? ` · thực tế ${viNumber(goal.actual)} (${viPeriod(goal.actualPeriod)})` : ''}
        {goal.unverified ? ' · chưa có văn bản chứng minh' : ''}
        {goal.cancelled?.reason ? ` · lý do hủy: ${goal.cancelled.reason}` : ''}
      </span>{' '}
      {actions}
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
export function PlanTree({ user, province }: { user?: User; province: string }) {
  const summary = useApi<SummaryResponse>(`/api/v1/provinces/${province}/summary`);
  const list = useApi<Page<Task>>(`/api/v1/tasks?province=${province}&pageSize=200`);
  const [message, setMessage] = useState<string | null>(null);
  const done = (m: string) => {
    setMessage(m);
    void summary.reload();
    void list.reload();
  };
  // Shown once both have come, as one page.
  if (!summary.data || !list.data) return <p>Đang tải…</p>;
  const docs = summary.data.documents;
  const tasks = list.data.items;
  return (
    <div className="tree">
      <h1>Cây kế hoạch</h1>
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
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
                  <GoalRow
                    key={goal.id}
                    goal={goal}
                    actions={user && <GoalItemActions user={user} province={province} goal={goal} onDone={done} />}
                  />
                ))}
              </ul>
              {user && <AddGoalButton user={user} province={province} place={{ document: d.code, group: g.code }} onDone={done} />}
            </details>
          ))}
          {d.taskGroups.map((g) => (
            <TaskGroupBlock key={g.code} user={user} province={province} document={d} group={g} tasks={tasks} onDone={done} />
          ))}
        </details>
      ))}
    </div>
  );
}

/** A task group with its tasks, and the officer's "Thêm nhiệm vụ", "Sửa" and "Hủy nhiệm vụ". */
function TaskGroupBlock({
  user,
  province,
  document: d,
  group: g,
  tasks,
  onDone,
}: {
  user?: User;
  province: string;
  document: SummaryDocument;
  group: SummaryDocument['taskGroups'][number];
  tasks: Task[];
  onDone: (message: string) => void;
}) {
  const list = tasks.filter((t) => t.document === d.code && t.group === g.code);
  return (
    <details className="group">
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
          <li key={t.id} data-testid={`tree-task-${t.code}`}>
            <strong>{t.code}</strong> {t.title}{' '}
            <span className="muted">
              · {t.lead.name} · {TASK_STATUS[t.status]}
              {t.cancelReason ? ` (lý do: ${t.cancelReason})` : ''}
              {t.overdue ? ' · quá hạn' : ''} · hạn {viDate(t.due)}
              {t.evidence
                ? ` · văn bản ${t.evidence.number}${t.evidence.date ? ` ngày ${viDate(t.evidence.date)}` : ''}${t.evidence.issuer ? ` của ${t.evidence.issuer}` : ''}`
                : ''}
            </span>{' '}
            {user && <TaskItemActions user={user} task={t} onDone={onDone} />}
          </li>
        ))}
      </ul>
      {user && <AddTaskButton user={user} province={province} place={{ document: d.code, group: g.code }} onDone={onDone} />}
    </details>
  );
}
