import { DataSource } from 'typeorm';
import type { AppConfig } from '@dx/config';
import { DeliveryProcessor } from '../notifications/delivery.processor';
import { EmailChannel } from './email.channel';
import { createMailTransport } from './mail-transport';
import { WebhookChannel } from './webhook.channel';

/** The channels a configuration allows: the webhook always, email with SMTP_URL. Close them after use. */
export function deliveryChannels(dataSource: DataSource, config: Pick<AppConfig, 'mail' | 'delivery'>): (EmailChannel | WebhookChannel)[] {
  const { delivery, mail } = config;
  const webhook = new WebhookChannel(dataSource, { ...delivery, timeoutMs: delivery.webhookTimeoutMs });
  if (!mail) return [webhook];
  return [webhook, new EmailChannel(dataSource, createMailTransport(mail.url), mail.from, delivery.publicUrl)];
}

/**
 * Sends now, outside the worker (a command), what is due: batches through the processor until none is left due.
 * A failed attempt waits for its backoff (the worker retries it later). Returns the totals.
 */
export async function deliverDueNow(
  dataSource: DataSource,
  config: Pick<AppConfig, 'mail' | 'delivery'>,
): Promise<{ sent: number; retried: number; failed: number }> {
  const processor = new DeliveryProcessor(dataSource);
  const channels = deliveryChannels(dataSource, config);
  for (const c of channels) processor.register(c);
  const total = { sent: 0, retried: 0, failed: 0 };
  try {
    for (;;) {
      const r = await processor.runOnce();
      total.sent += r.sent;
      total.retried += r.retried;
      total.failed += r.failed;
      if (r.sent + r.retried + r.failed === 0) return total;
    }
  } finally {
    for (const c of channels) if (c instanceof EmailChannel) c.close();
  }
}
