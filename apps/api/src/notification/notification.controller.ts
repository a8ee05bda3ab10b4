import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import type { RequestMeta } from '@dx/db';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ReqMeta } from '../common/request-meta.decorator';
import { ProvinceCodeParam } from '../province/dto/province-code.param';
import {
  AccountEmailDto,
  DeliveriesQuery,
  ListNotificationsQuery,
  NotificationIdParam,
  NotificationSettingsDto,
  PreferencesDto,
} from './dto/notification.dto';
import { NotificationService } from './notification.service';

/** The in-app inbox (own notifications only), notification choices, email address, deliveries and a province's reminder settings. */
@Controller('api/v1')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @Get('notifications')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(principal, query);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  readAll(@CurrentPrincipal() principal: Principal) {
    return this.notifications.markAllRead(principal);
  }

  @Get('notifications/preferences')
  preferences(@CurrentPrincipal() principal: Principal) {
    return this.notifications.preferences(principal);
  }

  @Put('notifications/preferences')
  savePreferences(@CurrentPrincipal() principal: Principal, @Body() body: PreferencesDto) {
    return this.notifications.savePreferences(principal, body.items);
  }

  /** Outgoing emails and webhook calls, e.g. `?status=failed`: officers (their province) and admins. */
  @Roles('admin', 'officer')
  @Get('notifications/deliveries')
  deliveries(@CurrentPrincipal() principal: Principal, @Query() query: DeliveriesQuery) {
    return this.notifications.deliveries(principal, query);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  read(@CurrentPrincipal() principal: Principal, @Param() params: NotificationIdParam) {
    return this.notifications.markRead(principal, params.id);
  }

  @Get('account/email')
  email(@CurrentPrincipal() principal: Principal) {
    return this.notifications.email(principal);
  }

  /** One's own address; admins any account's (`accountId`). */
  @Put('account/email')
  setEmail(@CurrentPrincipal() principal: Principal, @Body() body: AccountEmailDto, @ReqMeta() meta: RequestMeta) {
    return this.notifications.setEmail(principal, body.email, body.accountId, meta);
  }

  @Roles('admin', 'officer')
  @Get('provinces/:code/notification-settings')
  settings(@CurrentPrincipal() principal: Principal, @Param() params: ProvinceCodeParam) {
    return this.notifications.settings(principal, params.code);
  }

  @Roles('admin', 'officer')
  @Put('provinces/:code/notification-settings')
  saveSettings(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ProvinceCodeParam,
    @Body() body: NotificationSettingsDto,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.notifications.saveSettings(principal, params.code, body, meta);
  }
}
