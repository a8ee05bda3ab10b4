import type { Page } from '@dx/domain';

// The in-app notifications' API (docs/notifications.md) as the web reads it.
export const INBOX = '#/thong-bao';
export const NOTIFICATION_SETTINGS = '#/cai-dat-thong-bao';
export const NOTIFICATIONS = '/api/v1/notifications';
export const PREFERENCES = `${NOTIFICATIONS}/preferences`;
export const FAILED_DELIVERIES = `${NOTIFICATIONS}/deliveries?status=failed`;
export const ACCOUNT_EMAIL = '/api/v1/account/email';
export const provinceSettingsPath = (province: string) => `/api/v1/provinces/${encodeURIComponent(province)}/notification-settings`;

/** One notification of the signed-in account. */
export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  entity: { kind: string; id: string } | null;
  province: string | null;
  createdAt: string;
  readAt: string | null;
}

/** `GET /api/v1/notifications`: a page of the account's own notifications and how many are unread. */
export interface InboxPage extends Page<InboxItem> {
  unread: number;
}

export type DeliveryMode = 'in_app' | 'email' | 'both';

export interface PreferenceItem {
  kind: string;
  mode: DeliveryMode;
  digest: boolean;
}

export const MODE_LABELS: Record<DeliveryMode, string> = {
  in_app: 'Chỉ trong ứng dụng',
  email: 'Email',
  both: 'Cả hai',
};

/** Each kind of event by what it is about, as the settings page names it. */
export const KIND_LABELS: Record<string, string> = {
  'task.due_soon': 'Nhiệm vụ sắp đến hạn',
  'task.overdue': 'Nhiệm vụ quá hạn',
  'submission.waiting': 'Cập nhật chờ duyệt',
  'submission.decided': 'Cập nhật được duyệt hoặc bị trả lại',
  'directive.assigned': 'Được giao chỉ đạo',
  'directive.answered': 'Chỉ đạo được trả lời',
  'directive.overdue': 'Chỉ đạo quá hạn',
  'goal.status_changed': 'Mục tiêu đổi trạng thái',
  'report.made': 'Báo cáo định kỳ đã lập',
};

/** The page each kind of item lives on, for a notification whose link is not one of the web's pages. */
const ENTITY_PAGES: Record<string, string> = {
  task: '#/cong-viec',
  submission: '#/cho-duyet',
  directive: '#/chi-dao',
  report: '#/bao-cao',
  goal: '#/tong-quan',
};

/**
 * Where a notification leads: its own link when that names one of the web's pages (`known`), else the page of its
 * kind of item with the item's id, so a link the web does not know never lands on the home page by surprise.
 */
export function notificationHref(n: Pick<InboxItem, 'link' | 'entity'>, known: (path: string) => boolean): string | null {
  if (n.link && known(n.link.split('?')[0])) return n.link;
  const page = n.entity ? ENTITY_PAGES[n.entity.kind] : undefined;
  if (!page || !n.entity) return null;
  return `${page}?${n.entity.kind}=${encodeURIComponent(n.entity.id)}`;
}

/** "7, 1" → [7, 1]; null when a part is not a whole number of days between 1 and 365. */
export function parseDueSoonDays(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  const days = parts.map(Number);
  if (days.some((d) => d < 1 || d > 365)) return null;
  return [...new Set(days)].sort((a, b) => b - a);
}

/** Why an address cannot be an account's email (null when it can; empty clears it). */
export function emailProblem(text: string): string | null {
  const email = text.trim();
  if (!email) return null;
  if (email.length > 254) return 'Địa chỉ email quá dài (tối đa 254 ký tự)';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return 'Địa chỉ email không hợp lệ (ví dụ: ten@donvi.gov.vn)';
  return null;
}

/** `GET /api/v1/provinces/:code/notification-settings` (the webhook's secret is never sent back, only whether it is set). */
export interface ProvinceNotificationSettings {
  province: string;
  dueSoonDays: number[];
  webhookUrl: string | null;
  hasWebhookSecret: boolean;
  version: number;
}

/** One outgoing email or webhook call, as officers see the failed ones. */
export interface DeliveryItem {
  id: string;
  kind: string;
  channel: 'email' | 'webhook';
  recipient: string;
  eventKey: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  sentAt: string | null;
  createdAt: string;
  subject: string | null;
}

export const CHANNEL_LABELS: Record<string, string> = { email: 'Email', webhook: 'Webhook', in_app: 'Trong ứng dụng' };

/** Why a webhook address cannot be used (null when it can; empty turns the webhook off). */
export function webhookUrlProblem(text: string): string | null {
  const url = text.trim();
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Địa chỉ webhook phải bắt đầu bằng https://';
    return null;
  } catch {
    return 'Địa chỉ webhook không hợp lệ (ví dụ: https://zalo-bridge.tinh.gov.vn/dx)';
  }
}
