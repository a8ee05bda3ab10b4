import { ReactNode, useState } from 'react';
import type { GoalView, Serialized, TaskResponse } from '@dx/domain';
import type { User } from './api';
import { GoalItemForm } from './GoalItemForm';
import { CancelDialog, canEditPlan } from './PlanItemDialogs';
import { TaskItemForm } from './TaskItemForm';

type Task = Serialized<TaskResponse>;
type Place = { document: string; group: string };
type Close = (message: string | null) => void;
/** What the add buttons are given: who is signed in, the province, and where to report what was done. */
type AddProps = { user: User; province: string; onDone: (message: string) => void };

/** Which of a row's dialogs is open, and the `close` each dialog calls: it shuts and passes a message on to `onDone`. */
function useOpenDialog<K extends string>(onDone: (message: string) => void) {
  const [open, setOpen] = useState<K | null>(null);
  const close: Close = (message) => {
    setOpen(null);
    if (message) onDone(message);
  };
  return { open, setOpen, close };
}

/** A button, for officers and admins, that opens the form `form` makes with the `close` it is given. */
function OpenFormButton({
  user,
  label,
  ariaLabel,
  onDone,
  form,
}: {
  user: User;
  label: string;
  ariaLabel: string;
  onDone: (message: string) => void;
  form: (close: Close) => ReactNode;
}) {
  const { open, setOpen, close } = useOpenDialog<'form'>(onDone);
  if (!canEditPlan(user)) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen('form')} aria-label={ariaLabel}>
        {label}
      </button>
      {open && form(close)}
    </>
  );
}

/** "Thêm nhiệm vụ": officers and admins; into `place` when given, else a document and group picked in the form. */
export function AddTaskButton({ user, province, place, onDone }: AddProps & { place?: Place }) {
  return (
    <OpenFormButton
      user={user}
      label="Thêm nhiệm vụ"
      ariaLabel={place ? `Thêm nhiệm vụ vào nhóm ${place.group}` : 'Thêm nhiệm vụ'}
      onDone={onDone}
      form={(close) => <TaskItemForm province={province} place={place} onClose={close} />}
    />
  );
}

/** "Sửa" and "Hủy nhiệm vụ" of one task (with the reason in a dialog); nothing for those who may not. */
export function TaskItemActions({ user, task, onDone }: { user: User; task: Task; onDone: (message: string) => void }) {
  const { open, setOpen, close } = useOpenDialog<'edit' | 'cancel'>(onDone);
  if (!canEditPlan(user)) return null;
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
export function AddGoalButton({ user, province, place, onDone }: AddProps & { place: Place }) {
  return (
    <OpenFormButton
      user={user}
      label="Thêm mục tiêu"
      ariaLabel={`Thêm mục tiêu vào nhóm ${place.group}`}
      onDone={onDone}
      form={(close) => <GoalItemForm province={province} place={place} onClose={close} />}
    />
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
  const { open, setOpen, close } = useOpenDialog<'edit' | 'cancel'>(onDone);
  if (!canEditPlan(user) || goal.cancelled) return null;
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
