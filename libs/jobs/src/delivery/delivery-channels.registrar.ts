import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@dx/config';
import { DeliveryProcessor } from '../notifications/delivery.processor';
import { EmailChannel } from './email.channel';
import { deliveryChannels } from './deliver-now';
import { DigestMailer } from './digest-mailer';

const DIGEST_CHECK_MS = 60_000;

/**
 * Registers the ways out with the worker's delivery processor: the webhook always, email only with SMTP_URL
 * (without it email deliveries stay pending: nothing is lost, nothing is sent). With email, gathers each
 * day's digests (for the day before, from 07:00 Vietnamese time).
 */
@Injectable()
export class DeliveryChannelsRegistrar implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Delivery');
  private email: EmailChannel | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly digests: DigestMailer;

  constructor(
    private readonly processor: DeliveryProcessor,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.digests = new DigestMailer(dataSource, config.delivery.publicUrl);
  }

  onModuleInit(): void {
    const channels = deliveryChannels(this.dataSource, this.config);
    for (const c of channels) this.processor.register(c);
    if (!this.config.mail) {
      this.logger.log('Chưa đặt SMTP_URL: không gửi email, thông báo vẫn hiện trong ứng dụng');
      return;
    }
    this.email = channels.find((c): c is EmailChannel => c instanceof EmailChannel) ?? null;
    const check = () =>
      this.digests.enqueueDueDigests(new Date()).catch((error) => this.logger.warn(`digests: ${(error as Error).message}`));
    this.timer = setInterval(() => void check(), DIGEST_CHECK_MS);
    this.timer.unref();
    void check();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.email?.close();
  }
}
