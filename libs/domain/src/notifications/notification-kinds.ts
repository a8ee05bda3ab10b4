/**
 * The kinds of notification (issue 20, docs/notifications.md): each a code the API, the preferences and the
 * web share, with its Vietnamese name.
 */
export const NOTIFICATION_KINDS = [
  'task.due_soon',
  'task.overdue',
  'submission.waiting',
  'submission.decided',
  'directive.assigned',
  'directive.answered',
  'directive.overdue',
  'goal.status_changed',
  'report.made',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Where a notification goes: the in-app inbox, an email, the province's webhook. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** The channels a delivery row is made for (in-app is the notification row itself). */
export type DeliveryChannelName = Exclude<NotificationChannel, 'in_app'>;

/** What an account chooses per kind: in the app only, by email only, or both. */
export const NOTIFICATION_MODES = ['in_app', 'email', 'both'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** Vietnamese names of the kinds, as the settings page lists them. */
export const NOTIFICATION_KIND_LABELS_VI: Record<NotificationKind, string> = {
  'task.due_soon': 'Nhiệm vụ sắp đến hạn',
  'task.overdue': 'Nhiệm vụ quá hạn',
  'submission.waiting': 'Cập nhật chờ duyệt',
  'submission.decided': 'Cập nhật đã được duyệt hoặc trả lại',
  'directive.assigned': 'Ý kiến chỉ đạo được giao',
  'directive.answered': 'Ý kiến chỉ đạo đã được trả lời',
  'directive.overdue': 'Ý kiến chỉ đạo quá hạn',
  'goal.status_changed': 'Tình trạng mục tiêu thay đổi',
  'report.made': 'Báo cáo định kỳ đã được lập',
};

/** Vietnamese names of the modes. */
export const NOTIFICATION_MODE_LABELS_VI: Record<NotificationMode, string> = {
  in_app: 'Chỉ trong ứng dụng',
  email: 'Chỉ qua email',
  both: 'Trong ứng dụng và qua email',
};

export interface NotificationPreference {
  kind: NotificationKind;
  mode: NotificationMode;
  digest: boolean;
}

/** With no stored choice: both channels, single messages; goal status changes once a day as a digest. */
export function defaultPreference(kind: NotificationKind): NotificationPreference {
  return { kind, mode: 'both', digest: kind === 'goal.status_changed' };
}

/** Every kind with the account's stored choice or the default. */
export function effectivePreferences(stored: readonly NotificationPreference[]): NotificationPreference[] {
  return NOTIFICATION_KINDS.map((kind) => stored.find((p) => p.kind === kind) ?? defaultPreference(kind));
}

/**
 * Which channels one account gets for a kind: an in-app row (also in email-only mode with a digest, which gathers the
 * day's rows into one mail), a single email (needs an address, and no digest).
 */
export function channelsFor(pref: NotificationPreference, hasEmail: boolean): { inApp: boolean; email: boolean } {
  return {
    inApp: pref.mode !== 'email' || pref.digest,
    email: hasEmail && pref.mode !== 'in_app' && !pref.digest,
  };
}

/** The default reminder days before a task's due date. */
export const DEFAULT_DUE_SOON_DAYS: readonly number[] = [7, 1];

/** Retries of a failed delivery: base × 4^(attempts − 1), at most 6 hours; final after `maxAttempts`. */
export const DELIVERY_RETRY = { baseMs: 60_000, capMs: 6 * 3600_000, maxAttempts: 6, leaseMs: 5 * 60_000 } as const;

/** The wait before the next attempt after `attempts` failed ones. */
export function retryDelayMs(attempts: number, baseMs: number = DELIVERY_RETRY.baseMs, capMs: number = DELIVERY_RETRY.capMs): number {
  return Math.min(capMs, baseMs * 4 ** Math.max(0, attempts - 1));
}

/** The idempotency key of one delivery: at most one per (event, recipient, channel). */
export function deliveryIdempotencyKey(eventKey: string, recipient: string, channel: DeliveryChannelName): string {
  return `${eventKey}|${recipient.toLowerCase()}|${channel}`;
}
