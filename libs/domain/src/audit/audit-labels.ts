import { viPeriodLabel } from '../vi-format';

/**
 * The audit log in Vietnamese: each action the code records (`task.update`, `observation.delete`, …) as a person
 * reads it, the kinds of items, the fields a change shows, and the time of an entry. One mapping for the web's
 * Nhật ký page and the log's XLSX export.
 */
export const AUDIT_ACTION_LABELS_VI: Record<string, string> = {
  'task.update': 'Cập nhật nhiệm vụ',
  'task.update.approved': 'Cập nhật nhiệm vụ (đã duyệt)',
  'task.submit': 'Gửi cập nhật nhiệm vụ chờ duyệt',
  'task.import': 'Cập nhật nhiệm vụ từ tệp kế hoạch',
  'task.create': 'Thêm nhiệm vụ',
  'task.edit': 'Sửa nhiệm vụ',
  'task.cancel': 'Hủy nhiệm vụ',
  'goal.create': 'Thêm mục tiêu',
  'goal.edit': 'Sửa mục tiêu',
  'goal.cancel': 'Hủy mục tiêu',
  'observation.create': 'Nhập số liệu',
  'observation.create.approved': 'Nhập số liệu (đã duyệt)',
  'observation.update': 'Cập nhật số liệu',
  'observation.update.approved': 'Cập nhật số liệu (đã duyệt)',
  'observation.correct': 'Sửa số liệu',
  'observation.delete': 'Xóa số liệu',
  'observation.submit': 'Gửi số liệu chờ duyệt',
  'submission.approve': 'Duyệt cập nhật',
  'submission.return': 'Trả lại cập nhật',
  'directive.create': 'Ra ý kiến chỉ đạo',
  'directive.answer': 'Trả lời chỉ đạo',
  'directive.close': 'Đóng chỉ đạo',
  'settings.update': 'Thay đổi cài đặt của tỉnh',
  'plan.import': 'Nhập tệp kế hoạch',
  'report-heading.update': 'Sửa tiêu đề báo cáo',
  'report-schedule.create': 'Tạo lịch báo cáo',
  'report-schedule.update': 'Sửa lịch báo cáo',
  'report-schedule.delete': 'Xóa lịch báo cáo',
  'user.create': 'Tạo tài khoản',
  'user.email': 'Đổi địa chỉ email',
  'notification-settings.update': 'Sửa cài đặt nhắc việc và webhook của tỉnh',
  'user.reset-password': 'Đặt lại mật khẩu',
  'token.create': 'Tạo mã truy cập API',
  'token.revoke': 'Thu hồi mã truy cập API',
};

/** An action in Vietnamese; an action the mapping does not know yet is shown as recorded. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS_VI[action] ?? action;
}

/** The kinds of items the log records. */
export const AUDIT_ENTITY_LABELS_VI: Record<string, string> = {
  task: 'nhiệm vụ',
  goal: 'mục tiêu',
  observation: 'số liệu',
  submission: 'cập nhật chờ duyệt',
  directive: 'chỉ đạo',
  province: 'tỉnh',
  report_schedule: 'lịch báo cáo',
  report: 'báo cáo',
  plan: 'kế hoạch',
  user: 'tài khoản',
};

/** The fields a change shows, in Vietnamese (others are left out of the summary). */
export const AUDIT_FIELD_LABELS_VI: Record<string, string> = {
  status: 'trạng thái',
  progress: 'tiến độ',
  comment: 'ghi chú',
  value: 'giá trị',
  numerator: 'tử số',
  denominator: 'mẫu số',
  source: 'nguồn',
  note: 'ghi chú',
  period: 'kỳ',
  reason: 'lý do',
  answer: 'trả lời',
  body: 'nội dung',
  trustReporters: 'tin cậy báo cáo viên',
  evidenceNumber: 'số văn bản',
  evidenceDate: 'ngày văn bản',
  evidenceIssuer: 'cơ quan ban hành',
  title: 'tên',
  due: 'hạn',
};

/** The evidence a task's change records, as `Số văn bản 12/BC-STTTT, ngày 20/10/2023, cơ quan ban hành Sở …`; null without one. */
export function auditEvidenceText(item: Record<string, unknown> | null | undefined): string | null {
  if (!item) return null;
  const nested = item.evidence && typeof item.evidence === 'object' ? (item.evidence as Record<string, unknown>) : null;
  const number = nested?.number ?? item.evidenceNumber;
  if (typeof number !== 'string' || !number) return null;
  const date = nested?.date ?? item.evidenceDate;
  const issuer = nested?.issuer ?? item.evidenceIssuer;
  const parts = [`Số văn bản ${number}`];
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(date)) {
    parts.push(`ngày ${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`);
  }
  if (typeof issuer === 'string' && issuer) parts.push(`cơ quan ban hành ${issuer}`);
  return parts.join(', ');
}

const IGNORED = new Set(['updatedAt', 'version', 'computedAt', 'enteredAt', 'submittedAt', 'createdAt', 'evidence']);

const shown = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v));
const FIGURES = new Set(['value', 'numerator', 'denominator']);

/** A stored decimal as Vietnamese writes it, exactly (no rounding): `1034.5` → `1.034,5`; other text as it is. */
export function viDecimalText(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+$)/g, '.')}${m[3] ? `,${m[3]}` : ''}`;
}

/** What changed between before and after, in Vietnamese: `trạng thái: đang thực hiện → hoàn thành; tiến độ: 40 → 100`, plus the evidence. */
export function auditChangeText(before: unknown, after: unknown, valueLabels: Record<string, string> = {}): string {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const label = (k: string, v: unknown) =>
    typeof v === 'string' && valueLabels[v]
      ? valueLabels[v]
      : FIGURES.has(k) && typeof v === 'string'
        ? viDecimalText(v)
        : k === 'period' && typeof v === 'string'
          ? viPeriodLabel(v)
          : shown(v);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => !IGNORED.has(k) && AUDIT_FIELD_LABELS_VI[k] && JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
  const lines = after ? keys.map((k) => `${AUDIT_FIELD_LABELS_VI[k]}: ${label(k, b[k])} → ${label(k, a[k])}`) : before ? ['đã xóa'] : [];
  const evidence = auditEvidenceText(a);
  if (evidence && evidence !== auditEvidenceText(b)) lines.push(evidence);
  return lines.join('; ');
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment in Việt Nam's time: `15:28 ngày 02/12/2026`. */
export function viMoment(at: Date | string): string {
  const parts = Object.fromEntries(DATE_TIME.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}
