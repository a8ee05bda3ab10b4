import type { DeliveryChannelName, DeliveryStatus, NotificationPreference } from './notification-kinds';

/** One in-app notification, as `GET /api/v1/notifications` lists it. */
export interface NotificationResponse {
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

/** `GET /api/v1/notifications`: a page of the account's own notifications and its unread count. */
export interface NotificationListResponse {
  items: NotificationResponse[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** `GET/PUT /api/v1/notifications/preferences`: every kind with the account's choice. */
export interface NotificationPreferencesResponse {
  items: NotificationPreference[];
}

/** One outgoing email or webhook call, as officers and admins see it. */
export interface DeliveryResponse {
  id: string;
  kind: string;
  channel: DeliveryChannelName;
  recipient: string;
  eventKey: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  sentAt: string | null;
  createdAt: string;
  subject: string | null;
}

/** A province's reminder days and webhook (the secret is never returned). */
export interface ProvinceNotificationSettingsResponse {
  province: string;
  dueSoonDays: number[];
  webhookUrl: string | null;
  hasWebhookSecret: boolean;
  version: number;
}
