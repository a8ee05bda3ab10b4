/** One attachment of an email: a stored report's file, read from the report row when the mail is sent. */
export interface ReportAttachmentRef {
  reportId: string;
  format: 'pdf' | 'xlsx' | 'docx';
  filename: string;
}

/** What an event is, as the webhook posts it (docs/notifications.md, `payload.event`). */
export interface DeliveryEvent {
  kind: string;
  eventKey: string;
  province: string | null;
  entity: { kind: string; id: string } | null;
  title: string;
  body: string;
  link: string | null;
  at: string;
}

/** `notification_delivery.payload`. */
export interface DeliveryPayload {
  subject?: string;
  text?: string;
  html?: string;
  attachments?: ReportAttachmentRef[];
  event?: DeliveryEvent;
}

/** The fields of a delivery row the channels read (the processor's `PendingDelivery` has at least these). */
export interface ChannelDelivery {
  id: string;
  recipient: string;
  idempotencyKey: string;
  provinceId?: string | null;
  payload: {
    subject?: string;
    text?: string;
    html?: string;
    attachments?: { reportId: string; format: string; filename: string }[];
    /** A `DeliveryEvent` (stored as JSON). */
    event?: Record<string, unknown>;
  };
}
