import { useState } from 'react';
import type { GoalItemResponse, GoalView, Page, Serialized, TrackedIndicator } from '@dx/domain';
import { api } from './api';
import { IndicatorOptions } from './options';
import { DateField, errorsOf, Field, FieldErrors, ItemFormProps, ModalForm, TextAreaField } from './PlanItemDialogs';
import { useApi } from './use-api';

const OPS = ['>=', '<=', '=', '>', '<'] as const;

interface Values {
  code: string;
  title: string;
  milestone: boolean;
  indicator: string;
  op: string;
  value: string;
  due: string;
}

/** The target: an indicator of the province (new goals only), a comparison and a number (a comma or a point as decimal mark). */
function TargetFields({
  province,
  values,
  set,
  errors,
  withIndicator,
}: {
  province: string;
  values: Values;
  set: (patch: Partial<Values>) => void;
  errors: FieldErrors;
  withIndicator: boolean;
}) {
  const { data } = useApi<Page<TrackedIndicator>>(withIndicator ? `/api/v1/indicators?province=${province}&pageSize=200` : null);
  return (
    <>
      {withIndicator && (
        <Field id="goal-indicator" label="Chỉ số" errors={errors.indicator}>
          <select
            id="goal-indicator"
            value={values.indicator}
            onChange={(e) => set({ indicator: e.target.value })}
            aria-invalid={Boolean(errors.indicator)}
          >
            <option value="">— chọn chỉ số —</option>
            <IndicatorOptions indicators={data?.items ?? []} />
          </select>
        </Field>
      )}
      <Field
        id="goal-target"
        label="Chỉ tiêu"
        errors={[...(errors.target ?? []), ...(errors['target.value'] ?? []), ...(errors['target.op'] ?? [])]}
      >
        <span className="inline">
          <select aria-label="Phép so sánh" value={values.op} onChange={(e) => set({ op: e.target.value })}>
            {OPS.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
          <input
            id="goal-target"
            inputMode="decimal"
            value={values.value}
            onChange={(e) => set({ value: e.target.value })}
            aria-invalid={Boolean(errors['target.value'])}
          />
        </span>
      </Field>
    </>
  );
}

/** The target as sent, or a field error when the number cannot be read. */
function targetOf(values: Values): { op: string; value: number } | 'invalid' {
  const value = Number(values.value.trim().replace(',', '.'));
  return values.value.trim() === '' || !Number.isFinite(value) ? 'invalid' : { op: values.op, value };
}

/** Saves the form: PATCH of the goal read (against its version), or POST of a new goal into `place`; the message to show. */
async function saveGoal(
  province: string,
  values: Values,
  target: { op: string; value: number } | null,
  goal: GoalView | undefined,
  place: ItemFormProps['place'],
): Promise<string> {
  if (goal) {
    const body = { title: values.title, due: values.due, ...(target ? { target } : {}) };
    await api(`/api/v1/goals/${goal.id}`, { method: 'PATCH', json: body, headers: { 'If-Match': `"${goal.version}"` } });
    return `Đã sửa mục tiêu ${goal.code}`;
  }
  const body = {
    group: place!.group,
    code: values.code.trim() || null,
    title: values.title,
    due: values.due,
    indicator: values.milestone ? null : values.indicator || null,
    target,
  };
  const url = `/api/v1/documents/${encodeURIComponent(place!.document)}/goals?province=${province}`;
  const res = await api<Serialized<GoalItemResponse>>(url, { method: 'POST', json: body });
  return `Đã thêm mục tiêu ${res.body.code}`;
}

/**
 * "Thêm mục tiêu" into a goal group (quantitative with an indicator and a target, or a milestone) or "Sửa" a goal's
 * title, due date and target, against the version read. Errors are shown next to their fields.
 */
export function GoalItemForm({ province, goal, place, onClose }: ItemFormProps & { goal?: GoalView }) {
  const [values, setValues] = useState<Values>({
    code: '',
    title: goal?.title ?? '',
    milestone: goal ? goal.kind === 'milestone' : false,
    indicator: '',
    op: goal?.target?.op ?? '>=',
    value: goal?.target ? goal.target.value.replace('.', ',') : '',
    due: goal?.due ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  async function submit() {
    setErrors({});
    const target = values.milestone ? null : targetOf(values);
    if (target === 'invalid') return setErrors({ 'target.value': ['phải là một số'] });
    try {
      onClose(await saveGoal(province, values, target, goal, place));
    } catch (err) {
      setErrors(errorsOf(err));
    }
  }
  return (
    <ModalForm
      title={goal ? `Sửa mục tiêu ${goal.code}` : `Thêm mục tiêu vào nhóm ${place?.group}`}
      submitLabel={goal ? 'Lưu' : 'Thêm mục tiêu'}
      onSubmit={submit}
      onClose={() => onClose(null)}
      errors={errors}
    >
      {!goal && (
        <>
          <Field id="goal-code" label="Mã mục tiêu (để trống: tự đặt)" errors={errors.code}>
            <input id="goal-code" value={values.code} onChange={(e) => set({ code: e.target.value })} />
          </Field>
          <label className="inline">
            <input type="checkbox" checked={values.milestone} onChange={(e) => set({ milestone: e.target.checked })} /> Mục tiêu mốc (hoàn
            thành hay chưa, không có chỉ số)
          </label>
        </>
      )}
      <TextAreaField id="goal-title" label="Tên mục tiêu" value={values.title} onChange={(title) => set({ title })} errors={errors.title} />
      {!values.milestone && <TargetFields province={province} values={values} set={set} errors={errors} withIndicator={!goal} />}
      <DateField id="goal-due" label="Hạn" value={values.due} onChange={(due) => set({ due })} errors={errors.due} />
    </ModalForm>
  );
}
