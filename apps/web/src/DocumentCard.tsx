import type { ClaimView, SummaryDocument } from '@dx/domain';
import { GOAL_STATUS, TASK_STATUS, VERDICT, viDate } from './format';

function Bar({ value, of, label }: { value: number; of: number; label: string }) {
  const pct = of ? Math.round((100 * value) / of) : 0;
  return (
    <div className="bar" role="img" aria-label={`${label}: ${value}/${of}`}>
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}

/** What a report claimed ("6/9 đạt") against what the data give, flagged when they disagree. */
function Claim({ claim: c }: { claim: ClaimView }) {
  const flagged = c.reconciliation && c.reconciliation.verdict !== 'consistent';
  return (
    <div className={`claim ${flagged ? 'warning' : ''}`} role={flagged ? 'alert' : undefined}>
      Báo cáo ngày {viDate(c.asOf)}: {c.met}/{c.of} đạt{c.open !== null ? `, còn ${c.open} chưa đạt` : ''}
      {c.reconciliation && (
        <>
          {' '}
          — số liệu tính được {c.reconciliation.computedMet}/{c.reconciliation.computedTotal} đạt —{' '}
          <strong>{VERDICT[c.reconciliation.verdict]}</strong>
        </>
      )}
      {c.reconciliation?.reasons.map((r) => (
        <div key={r} className="muted">
          {r}
        </div>
      ))}
    </div>
  );
}

function GoalGroups({ groups }: { groups: SummaryDocument['goalGroups'] }) {
  return (
    <table>
      <caption className="sr-only">Nhóm mục tiêu</caption>
      <thead>
        <tr>
          <th>Nhóm</th>
          <th>Tên</th>
          <th>Đạt</th>
          <th aria-label="Tỷ lệ đạt" />
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.code}>
            <td>{g.code}</td>
            <td>{g.name}</td>
            <td>{g.rollup.goals ? `${g.rollup.goals.met}/${g.rollup.goals.total}` : '—'}</td>
            <td>{g.rollup.goals && <Bar value={g.rollup.goals.met} of={g.rollup.goals.total} label={`Nhóm ${g.code} đạt`} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TaskGroups({ groups }: { groups: SummaryDocument['taskGroups'] }) {
  return (
    <table>
      <caption className="sr-only">Nhóm nhiệm vụ</caption>
      <thead>
        <tr>
          <th>Nhóm</th>
          <th>Tên</th>
          <th>Hoàn thành</th>
          <th>Quá hạn</th>
          <th>Tình trạng</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const t = g.rollup.tasks;
          return (
            <tr key={g.code}>
              <td>{g.code}</td>
              <td>{g.name}</td>
              <td data-testid={`done-${g.code}`}>
                {t ? `${t.counts.done ?? 0}/${t.total}` : '—'}
                {t && <Bar value={t.counts.done ?? 0} of={t.total} label={`Nhóm ${g.code} hoàn thành`} />}
              </td>
              <td>{t?.overdue ?? 0}</td>
              <td className="muted">
                {t
                  ? Object.entries(t.counts)
                      .filter(([, n]) => n > 0)
                      .map(([s, n]) => `${n} ${TASK_STATUS[s]}`)
                      .join(', ')
                  : ''}
                {t && t.declared !== null ? ` · ${t.recorded}/${t.declared} đã nhập` : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One document of the summary: goals met, the reports' claims reconciled, goal and task groups, the goals. */
export function DocumentCard({ document: d }: { document: SummaryDocument }) {
  return (
    <section className="card document" aria-label={`Văn bản ${d.code}`}>
      <h2>
        {d.code} — {d.title}
      </h2>
      {d.rollup.goals && (
        <p className="big" data-testid={`goals-${d.code}`}>
          Mục tiêu:{' '}
          <strong>
            {d.rollup.goals.met}/{d.rollup.goals.total} đạt
          </strong>
          {d.rollup.goals.declared !== null && (
            <span className="muted">
              {' '}
              · {d.rollup.goals.recorded}/{d.rollup.goals.declared} mục tiêu đã nhập
            </span>
          )}
        </p>
      )}
      {d.claims.map((c, i) => (
        <Claim key={i} claim={c} />
      ))}
      {d.goalGroups.length > 0 && <GoalGroups groups={d.goalGroups} />}
      {d.taskGroups.length > 0 && <TaskGroups groups={d.taskGroups} />}
      {d.goalGroups.some((g) => g.goals.length) && (
        <details>
          <summary>Các mục tiêu</summary>
          <ul className="goals">
            {d.goalGroups
              .flatMap((g) => g.goals)
              .map((g) => (
                <li key={g.code}>
                  {g.cancelled ? (
                    <span className="status cancelled">đã hủy</span>
                  ) : (
                    <span className={`status ${g.status}`}>{GOAL_STATUS[g.status ?? 'no_data']}</span>
                  )}{' '}
                  {g.code} — {g.title}
                </li>
              ))}
          </ul>
        </details>
      )}
    </section>
  );
}
