import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRepository, NotificationInboxRepository, ProvinceRepository, type RequestMeta } from '@dx/db';
import {
  assertAccess,
  canApprove,
  DomainError,
  notificationMessages,
  type DeliveryStatus,
  type NotificationListResponse,
  type NotificationPreference,
  type Principal,
} from '@dx/domain';
import { existingProvinceId } from '../common/readable-province';

/** The signed-in account's inbox and choices, its email address, and what officers see of deliveries and settings. */
@Injectable()
export class NotificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: NotificationInboxRepository,
    private readonly provinces: ProvinceRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(principal: Principal, q: { page: number; pageSize: number; unread?: boolean }): Promise<NotificationListResponse> {
    const { items, total, unread } = await this.inbox.list(principal.userId, {
      unreadOnly: q.unread === true,
      offset: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
    });
    return { items, total, unread, page: q.page, pageSize: q.pageSize };
  }

  async markRead(principal: Principal, id: string): Promise<{ id: string; read: true }> {
    // Another account's notification is answered as one that does not exist.
    if (!(await this.inbox.markRead(principal.userId, id)))
      throw new NotFoundException({ code: 'NOTIFICATION_NOT_FOUND', message: notificationMessages.notFound(id) });
    return { id, read: true };
  }

  async markAllRead(principal: Principal): Promise<{ updated: number }> {
    return { updated: await this.inbox.markAllRead(principal.userId) };
  }

  async preferences(principal: Principal): Promise<{ items: NotificationPreference[] }> {
    return { items: await this.inbox.preferences(principal.userId) };
  }

  async savePreferences(principal: Principal, items: NotificationPreference[]): Promise<{ items: NotificationPreference[] }> {
    await this.dataSource.transaction((m) => this.inbox.withTransaction(m).savePreferences(principal.userId, items));
    return this.preferences(principal);
  }

  async deliveries(principal: Principal, q: { status?: DeliveryStatus; province?: string; limit: number }) {
    let provinceId: string | null = null;
    if (principal.role === 'admin') {
      if (q.province) provinceId = await existingProvinceId(this.provinces, q.province);
    } else {
      assertAccess(principal.role === 'officer' && principal.provinceId !== null, notificationMessages.noRightToDeliveries());
      if (q.province) {
        provinceId = await existingProvinceId(this.provinces, q.province);
        assertAccess(canApprove(principal, provinceId), notificationMessages.noRightToDeliveries());
      }
      provinceId = principal.provinceId;
    }
    return { items: await this.inbox.deliveries(provinceId, q.status ?? null, q.limit) };
  }

  async email(principal: Principal): Promise<{ accountId: string; email: string | null }> {
    return { accountId: principal.userId, email: await this.inbox.emailOf(principal.userId) };
  }

  async setEmail(principal: Principal, email: string | null, accountId: string | undefined, meta: RequestMeta) {
    const target = accountId ?? principal.userId;
    assertAccess(
      target === principal.userId || (principal.role === 'admin' && principal.scopes === null),
      notificationMessages.noRightToEmail(),
    );
    const address = email === null ? null : email.trim().normalize('NFC');
    return this.dataSource.transaction(async (m) => {
      const inbox = this.inbox.withTransaction(m);
      const before = await inbox.emailOf(target);
      const outcome = await inbox.setEmail(target, address);
      if (outcome === 'not_found') throw new DomainError('USER_NOT_FOUND', notificationMessages.accountNotFound(target));
      if (outcome === 'taken')
        throw new ConflictException({ code: 'EMAIL_TAKEN', message: notificationMessages.emailTaken(address ?? '') });
      await this.audit.withTransaction(m).append({
        actor: principal,
        meta,
        action: 'user.email',
        entityKind: 'user',
        entityId: target,
        provinceId: null,
        before: { email: before },
        after: { email: address },
      });
      return { accountId: target, email: address };
    });
  }

  private async settingsFor(principal: Principal, code: string) {
    const settings = await this.inbox.settings(code);
    if (!settings) throw new DomainError('PROVINCE_NOT_FOUND', notificationMessages.provinceNotFound(code));
    assertAccess(canApprove(principal, settings.provinceId), notificationMessages.noRightToSettings(code));
    return settings;
  }

  async settings(principal: Principal, code: string) {
    const { provinceId: _id, ...settings } = await this.settingsFor(principal, code);
    return settings;
  }

  async saveSettings(
    principal: Principal,
    code: string,
    body: { dueSoonDays: number[]; webhookUrl: string | null; webhookSecret?: string | null; version: number },
    meta: RequestMeta,
  ) {
    const current = await this.settingsFor(principal, code);
    const dueSoonDays = [...body.dueSoonDays].sort((a, b) => b - a);
    await this.dataSource.transaction(async (m) => {
      const saved = await this.inbox.withTransaction(m).saveSettings(current.provinceId, {
        dueSoonDays,
        webhookUrl: body.webhookUrl,
        webhookSecret: body.webhookSecret,
        expectedVersion: body.version,
        by: principal.username,
      });
      if (!saved) throw new DomainError('VERSION_CONFLICT', notificationMessages.settingsChanged(current.version));
      const after = { dueSoonDays, webhookUrl: body.webhookUrl, webhookSecretChanged: body.webhookSecret !== undefined };
      await this.audit.withTransaction(m).append({
        actor: principal,
        meta,
        action: 'notification-settings.update',
        entityKind: 'province',
        entityId: current.provinceId,
        provinceId: current.provinceId,
        before: { dueSoonDays: current.dueSoonDays, webhookUrl: current.webhookUrl },
        after,
      });
    });
    return this.settings(principal, code);
  }
}
