import { useState } from 'react';
import type { NextCodeResponse, Serialized, SummaryResponse, TaskResponse } from '@dx/domain';
import { api } from './api';
import { TaskStatusOptions } from './options';
import { DateField, errorsOf, Field, FieldErrors, ItemFormProps, ModalForm, TextAreaField, useLeadOptions } from './PlanItemDialogs';
import { useApi } from './use-api';

type Task = Serialized<TaskResponse>;

interface Values {
  document: string;
  group: string;
  code: string;
  title: string;
  lead: string;
  support: string[];
  due: string;
  status: string;
}

/** What the form's parts are given: the province, the values, how to change them, the errors by field. */
interface FieldsProps {
  province: string;
  values: Values;
  set: (patch: Partial<Values>) => void;
  errors: FieldErrors;
}

/** The document and task group a new task goes into: fixed (from the plan tree) or picked from the province's documents. */
function PlaceFields({ province, values, set, errors }: FieldsProps) {
  const { data } = useApi<SummaryResponse>(`/api/v1/provinces/${province}/summary`);
  const documents = data?.documents ?? [];
  const groups = documents.find((d) => d.code === values.document)?.taskGroups ?? [];
  return (
    <>
      <Field id="task-document" label="Văn bản">
        <select id="task-document" value={values.document} onChange={(e) => set({ document: e.target.value, group: '' })}>
          <option value="">— chọn văn bản —</option>
          {documents.map((d) => (
            <option key={d.code} value={d.code}>
              {d.code} — {d.title}
            </option>
          ))}
        </select>
      </Field>
      <Field id="task-group" label="Nhóm nhiệm vụ" errors={errors.group}>
        <select id="task-group" value={values.group} onChange={(e) => set({ group: e.target.value })} aria-invalid={Boolean(errors.group)}>
          <option value="">— chọn nhóm —</option>
          {groups.map((g) => (
            <option key={g.code} value={g.code}>
              {g.code} — {g.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

/** Title, lead agency (a select of the province's agencies), supporting agencies and due date. */
function DefinitionFields({ province, values, set, errors }: FieldsProps) {
  const units = useLeadOptions(province);
  return (
    <>
      <TextAreaField id="task-title" label="Tên nhiệm vụ" value={values.title} onChange={(title) => set({ title })} errors={errors.title} />
      <Field id="task-lead" label="Cơ quan chủ trì" errors={errors.lead}>
        <select id="task-lead" value={values.lead} onChange={(e) => set({ lead: e.target.value })} aria-invalid={Boolean(errors.lead)}>
          <option value="">— chọn cơ quan —</option>
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="task-support" label="Cơ quan phối hợp (giữ Ctrl để chọn nhiều)" errors={errors.support}>
        <select
          id="task-support"
          multiple
          size={4}
          value={values.support}
          onChange={(e) => set({ support: [...e.target.selectedOptions].map((o) => o.value) })}
        >
          {units
            .filter((u) => u.code !== values.lead)
            .map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
        </select>
      </Field>
      <DateField id="task-due" label="Hạn hoàn thành" value={values.due} onChange={(due) => set({ due })} errors={errors.due} />
    </>
  );
}

/** What to send: a new task's fields, or only the fields an edit changed. */
function bodyOf(values: Values, task: Task | undefined): Record<string, unknown> {
  const definition = {
    title: values.title,
    lead: values.lead,
    support: values.support.filter((c) => c !== values.lead),
    due: values.due || null,
  };
  if (!task) return { group: values.group, code: values.code.trim() || null, status: values.status, ...definition };
  const changed: Record<string, unknown> = {};
  if (definition.title !== task.title) changed.title = definition.title;
  if (definition.lead !== task.lead.code) changed.lead = definition.lead;
  if (definition.support.join() !== (task.support ?? []).join()) changed.support = definition.support;
  if (definition.due !== task.due) changed.due = definition.due;
  return changed;
}

/**
 * "Thêm nhiệm vụ" (into a document's task group; the code is suggested when left empty) or "Sửa" a task (title, lead,
 * supporting agencies, due date, saved against the version read). Errors are shown next to their fields.
 */
export function TaskItemForm({ province, task, place, onClose }: ItemFormProps & { task?: Task }) {
  const [values, setValues] = useState<Values>({
    document: task?.document ?? place?.document ?? '',
    group: task?.group ?? place?.group ?? '',
    code: '',
    title: task?.title ?? '',
    lead: task?.lead.code ?? '',
    support: task?.support ?? [],
    due: task?.due ?? '',
    status: 'not_started',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const next = useApi<NextCodeResponse>(
    !task && values.document && values.group
      ? `/api/v1/documents/${encodeURIComponent(values.document)}/tasks/next-code?province=${province}&group=${encodeURIComponent(values.group)}`
      : null,
  );
  async function submit() {
    setErrors({});
    if (!task && !values.document) return setErrors({ group: ['Hãy chọn văn bản và nhóm nhiệm vụ'] });
    try {
      const res = task
        ? await api<Task>(`/api/v1/tasks/${task.id}`, {
            method: 'PATCH',
            json: bodyOf(values, task),
            headers: { 'If-Match': `"${task.version}"` },
          })
        : await api<Task>(`/api/v1/documents/${encodeURIComponent(values.document)}/tasks?province=${province}`, {
            method: 'POST',
            json: bodyOf(values, undefined),
          });
      onClose(task ? `Đã sửa nhiệm vụ ${task.code}` : `Đã thêm nhiệm vụ ${res.body.code}`);
    } catch (err) {
      setErrors(errorsOf(err));
    }
  }
  return (
    <ModalForm
      title={task ? `Sửa nhiệm vụ ${task.code}` : 'Thêm nhiệm vụ'}
      submitLabel={task ? 'Lưu' : 'Thêm nhiệm vụ'}
      onSubmit={submit}
      onClose={() => onClose(null)}
      errors={errors}
    >
      {!task && !place && <PlaceFields province={province} values={values} set={set} errors={errors} />}
      {!task && (
        <Field id="task-code" label="Mã nhiệm vụ (để trống: tự đặt)" errors={errors.code}>
          <input
            id="task-code"
            value={values.code}
            onChange={(e) => set({ code: e.target.value })}
            placeholder={next.data?.code ?? ''}
            aria-invalid={Boolean(errors.code)}
          />
        </Field>
      )}
      <DefinitionFields province={province} values={values} set={set} errors={errors} />
      {!task && (
        <Field id="task-status" label="Trạng thái" errors={errors.status}>
          <select id="task-status" value={values.status} onChange={(e) => set({ status: e.target.value })}>
            <TaskStatusOptions />
          </select>
        </Field>
      )}
    </ModalForm>
  );
}
