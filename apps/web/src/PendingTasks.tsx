import { useEffect, useSyncExternalStore } from 'react';
import type { Page, Serialized, SubmissionResponse } from '@dx/domain';
import { User, WROTE } from './api';
import { APPROVER } from './format';
import { useApi } from './use-api';

/** The ids of the tasks shown with "chờ duyệt", and who to tell when they change. */
let pending: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();

function publish(ids: ReadonlySet<string>) {
  if (ids.size === pending.size && [...ids].every((id) => pending.has(id))) return;
  pending = ids;
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Only these roles may list submissions; the others see no mark. */
const LISTS_SUBMISSIONS = new Set(['admin', 'officer', 'leader', 'reporter']);

/**
 * Reads the tasks of the province with an update waiting for an officer's approval (a reporter: its own)
 * for the PendingMarks of the page; again after every write of the page (a task saved or sent, a submission decided).
 */
export function usePendingTasks(user: User, province: string): void {
  const path = LISTS_SUBMISSIONS.has(user.role)
    ? `/api/v1/submissions?${new URLSearchParams({ province, status: 'submitted', kind: 'task', pageSize: '200' })}`
    : null;
  const { data, reload } = useApi<Page<Serialized<SubmissionResponse>>>(path);
  useEffect(() => {
    const onWrite = () => void reload();
    window.addEventListener(WROTE, onWrite);
    return () => window.removeEventListener(WROTE, onWrite);
  }, [reload]);
  useEffect(() => publish(new Set((data?.items ?? []).flatMap((s) => (s.task ? [s.task.id] : [])))), [data]);
  useEffect(() => () => publish(new Set()), []);
}

/** "chờ duyệt" next to a task whose update waits for approval (see usePendingTasks). */
export function PendingMark({ taskId }: { taskId: string }) {
  const waiting = useSyncExternalStore(subscribe, () => pending.has(taskId));
  if (!waiting) return null;
  return (
    <>
      {' '}
      <span className="pending" title={`Có cập nhật đang chờ ${APPROVER()} duyệt`}>
        chờ duyệt
      </span>
    </>
  );
}
