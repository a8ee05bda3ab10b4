import { TASK_OUTCOME_LABELS_VI, TASK_OUTCOMES, type TaskOutcome, type TaskOutcomeCounts as Counts } from '@dx/domain';

/** Green for done on time, red for anything late: as a progress report reads them. */
const TONE: Record<TaskOutcome, string> = { done_on_time: 'met', done_late: 'not-met', open_on_time: '', open_overdue: 'not-met' };

/**
 * The tasks listed (every page of the filter) under the four outcomes a government progress report
 * counts: done on time, done late, not done and still within the deadline, not done and past it.
 */
export function TaskOutcomeCounts({ outcomes }: { outcomes: Counts }) {
  return (
    <section className="tiles" style={{ margin: '0.8rem 0' }} aria-label="Kết quả thực hiện nhiệm vụ">
      {TASK_OUTCOMES.map((o) => (
        <div key={o} className={`tile ${TONE[o]}`.trim()}>
          <div className="value">{outcomes[o]}</div>
          <div>{TASK_OUTCOME_LABELS_VI[o]}</div>
        </div>
      ))}
    </section>
  );
}
