import { useState } from 'react';
import type { GoalView, Serialized, TaskResponse } from '@dx/domain';
import type { User } from './api';
import { GoalItemForm } from './GoalItemForm';
import { CancelDialog, canEditPlan } from './PlanItemDialogs';
import { TaskItemForm } from './TaskItemForm';

type Task = Serialized<TaskResponse>;
type Place = { document: string; group: string };

/** "Thêm nhiệm vụ": officers and admins; into `place` when given, else a document and group picked in the form. */
export function AddTaskButton({
  user,
  province,
  place,
  onDone,
}: {
  user: User;
  province: string;
  place?: Place;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  if (!canEditPlan(user)) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-label={place ? `Thêm nhiệm vụ vào nhóm ${place.group}` : 'Thêm nhiệm vụ'}>
        Thêm nhiệm vụ
      </button>
      {open && (
        <TaskItemForm
          province={province}
          place={place}
          onClose={(message) => {
            setOpen(false);
            if (message) onDone(message);
          }}
        />
      )}
    </>
  );
}

/** "Sửa" and "Hủy nhiệm vụ" of one task (with the reason in a dialog); nothing for those who may not. */
export function TaskItemActions({ user, task, onDone }: { user: User; task: Task; onDone: (message: string) => void }) {
  const [open, setOpen] = useState<'edit' | 'cancel' | null>(null);
  if (!canEditPlan(user)) return null;
  const close = (message: string | null) => {
    setOpen(null);
    if (message) onDone(message);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen('edit')} aria-label={`Sửa ${task.code}`}>
        Sửa
      </button>
      {task.status !== 'cancelled' && (
        <button type="button" onClick={() => setOpen('cancel')} aria-label={`Hủy nhiệm vụ ${task.code}`}>
          Hủy nhiệm vụ
        </button>
      )}
      {open === 'edit' && <TaskItemForm province={task.province} task={task} onClose={close} />}
      {open === 'cancel' && <CancelDialog what="nhiệm vụ" item={task} url={`/api/v1/tasks/${task.id}/cancel`} onClose={close} />}
    </>
  );
}

/** "Thêm mục tiêu" into a goal group. */
export function AddGoalButton({
  user,
  province,
  place,
  onDone,
}: {
  user: User;
  province: string;
  place: Place;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  if (!canEditPlan(user)) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-label={`Thêm mục tiêu vào nhóm ${place.group}`}>
        Thêm mục tiêu
      </button>
      {open && (
        <GoalItemForm
          province={province}
          place={place}
          onClose={(message) => {
            setOpen(false);
            if (message) onDone(message);
          }}
        />
      )}
    </>
  );
}

/** "Sửa" and "Hủy mục tiêu" of one goal; a cancelled goal is only shown. */
export function GoalItemActions({
  user,
  province,
  goal,
  onDone,
}: {
  user: User;
  province: string;
  goal: GoalView;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState<'edit' | 'cancel' | null>(null);
  if (!canEditPlan(user) || goal.cancelled) return null;
  const close = (message: string | null) => {
    setOpen(null);
    if (message) onDone(message);
  };
  return (
    <>
      <button type="button" className="link" onClick={() => setOpen('edit')} aria-label={`Sửa ${goal.code}`}>
        sửa
      </button>{' '}
      <button type="button" className="link" onClick={() => setOpen('cancel')} aria-label={`Hủy mục tiêu ${goal.code}`}>
        hủy mục tiêu
      </button>
      {open === 'edit' && <GoalItemForm province={province} goal={goal} onClose={close} />}
      {open === 'cancel' && <CancelDialog what="mục tiêu" item={goal} url={`/api/v1/goals/${goal.id}/cancel`} onClose={close} />}
    </>
  );
}
