import { DataSource } from 'typeorm';
import { DeliveryRepository, type PendingDelivery } from '@dx/db';
import { DELIVERY_RETRY, type DeliveryChannelName } from '@dx/domain';

/** A way out (email, webhook), registered by its own module: sends one delivery or throws. */
export interface DeliveryChannel {
  readonly channel: DeliveryChannelName;
  send(delivery: PendingDelivery): Promise<void>;
}

export interface DeliveryProcessorOptions {
  /** The first retry's wait; each next one four times longer (DELIVERY_RETRY). */
  retryBaseMs?: number;
  maxAttempts?: number;
  /** How long a claimed delivery is left to its worker before another may take it. */
  leaseMs?: number;
  batch?: number;
}

/**
 * Sends the pending deliveries through the registered channels (docs/notifications.md): claims due rows (the
 * attempt counted before sending), sends, marks them sent, or failed with a backoff. Without a channel for a
 * kind of delivery, its rows stay pending.
 */
export class DeliveryProcessor {
  private readonly channels = new Map<DeliveryChannelName, DeliveryChannel>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: DeliveryProcessorOptions = {},
  ) {}

  register(channel: DeliveryChannel): void {
    this.channels.set(channel.channel, channel);
  }

  registered(): DeliveryChannelName[] {
    return [...this.channels.keys()];
  }

  /** One batch: how many were sent, retried later, failed for good. */
  async runOnce(): Promise<{ sent: number; retried: number; failed: number }> {
    const result = { sent: 0, retried: 0, failed: 0 };
    const repo = new DeliveryRepository(this.dataSource);
    const claimed = await repo.claim(this.registered(), this.options.batch ?? 20, this.options.leaseMs ?? DELIVERY_RETRY.leaseMs);
    for (const d of claimed) {
      try {
        await this.channels.get(d.channel)!.send(d);
        await repo.markSent(d.id);
        result.sent++;
      } catch (error) {
        const outcome = await repo.markFailed(d, (error as Error).message ?? String(error), {
          baseMs: this.options.retryBaseMs,
          maxAttempts: this.options.maxAttempts,
        });
        result[outcome === 'failed' ? 'failed' : 'retried']++;
      }
    }
    return result;
  }
}
