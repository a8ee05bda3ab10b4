import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NOTIFICATION_TIME_ZONE, NotificationProducer } from './notification.producer';
import { DeliveryProcessor } from './delivery.processor';

/** How often the producer reads new events and the processor sends due deliveries. */
export const NOTIFICATION_POLL_MS = 1000;
/** The daily reminder pass runs at this local hour (Asia/Ho_Chi_Minh). */
export const REMINDER_HOUR = 7;
const REMINDER_CHECK_MS = 60_000;

const HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: NOTIFICATION_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });

/**
 * The worker's notification loop: produces notifications from new events, sends due deliveries, and each day at
 * 07:00 (Vietnamese time) runs the reminder pass. Every step is idempotent, so several workers may run it.
 */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private timer: NodeJS.Timeout | undefined;
  private daily: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastReminderDate: string | null = null;

  constructor(
    private readonly producer: NotificationProducer,
    private readonly deliveries: DeliveryProcessor,
  ) {}

  onApplicationBootstrap(): void {
    const tick = async () => {
      try {
        await this.producer.produceOnce();
        await this.deliveries.runOnce();
      } catch (error) {
        this.logger.warn(`notifications: ${(error as Error).message}`);
      }
      if (!this.stopped) this.timer = setTimeout(tick, NOTIFICATION_POLL_MS);
    };
    this.timer = setTimeout(tick, 0);
    // A worker started after 07:00 leaves today's pass (it may have run; a fresh database has nothing to recall yet):
    // the next one is tomorrow's. `cli reminders send` runs a missed day's pass, as often as wanted.
    if (this.hourNow() >= REMINDER_HOUR) this.lastReminderDate = this.producer.today();
    this.daily = setInterval(() => void this.remindIfDue(), REMINDER_CHECK_MS);
  }

  private hourNow(): number {
    return Number(HOUR.format(new Date()));
  }

  private async remindIfDue(): Promise<void> {
    const today = this.producer.today();
    if (this.lastReminderDate === today || this.hourNow() < REMINDER_HOUR) return;
    this.lastReminderDate = today;
    try {
      const results = await this.producer.runReminders({ asOf: today });
      const made = results.reduce((n, r) => n + r.events.reduce((k, e) => k + e.inApp.length + e.emails.length + e.webhooks.length, 0), 0);
      this.logger.log(`daily reminders for ${today}: ${made} new notification(s) and deliveries`);
    } catch (error) {
      this.lastReminderDate = null;
      this.logger.warn(`daily reminders: ${(error as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.daily);
  }
}
