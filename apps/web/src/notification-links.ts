import {
  isNotificationKind,
  NOTIFICATION_KIND_LABELS_VI,
  NOTIFICATION_MODE_LABELS_VI,
  type DeliveryResponse,
  type NotificationListResponse,
  type NotificationMode,
  type NotificationPreference,
  type NotificationResponse,
  type ProvinceNotificationSettingsResponse,
} from '@dx/domain';

// The in-app notifications' API (docs/notifications.md) as the web reads it.
export const INBOX = '#/thong-bao';
export const NOTIFICATION_SETTINGS = '#/cai-dat-thong-bao';
export const NOTIFICATIONS = '/api/v1/notifications';
export const PREFERENCES = `${NOTIFICATIONS}/preferences`;
/** The province's deliveries that failed for good (an admin's of the province picked in the header). */
export const failedDeliveriesPath = (province: string) =>
  `${NOTIFICATIONS}/deliveries?status=failed&province=${encodeURIComponent(province)}`;
export const ACCOUNT_EMAIL = '/api/v1/account/email';
export const provinceSettingsPath = (province: string) => `/api/v1/provinces/${encodeURIComponent(province)}/notification-settings`;

// The API's own response types (libs/domain), under the names the pages use.
export type InboxItem = NotificationResponse;
export type InboxPage = NotificationListResponse;
export type PreferenceItem = NotificationPreference;
export type DeliveryMode = NotificationMode;
export type ProvinceNotificationSettings = ProvinceNotificationSettingsResponse;
export type DeliveryItem = DeliveryResponse;

export const MODE_LABELS: Record<DeliveryMode, string> = NOTIFICATION_MODE_LABELS_VI;

/** A kind of event by its Vietnamese name (the code itself for a kind this page does not know yet). */
export const kindLabel = (kind: string): string =>
  isNotificationKind(kind) ? NOTIFICATION_KIND_LABELS_VI[kind] : kind === 'digest' ? 'Thư tổng hợp hằng ngày' : kind;

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

export const CHANNEL_LABELS: Record<string, string> = { email: 'Email', webhook: 'Webhook', in_app: 'Trong ứng dụng' };

/** Why a webhook address cannot be used (null when it can; empty turns the webhook off). HTTP only for this machine. */
export function webhookUrlProblem(text: string): string | null {
  const url = text.trim();
  if (!url) return null;
  try {
    const parsed = new URL(url);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    if (/\s/.test(url) || !(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && local)))
      return 'Địa chỉ webhook phải bắt đầu bằng https:// (http:// chỉ dùng cho máy này)';
    return null;
  } catch {
    return 'Địa chỉ webhook không hợp lệ (ví dụ: https://zalo-bridge.tinh.gov.vn/dx)';
  }
}
