import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AppConfig } from '@dx/config';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto } from './dto/login.dto';
import { clearRefreshCookie, inRefreshCookie, refreshCookieOf } from './refresh-cookie';

@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * Throttled per client address (429 beyond the limit); accounts also lock after repeated failures.
   * With `refreshCookie: true` (the web app) the refresh token comes as an HttpOnly cookie, not in the body.
   */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const pair = await this.auth.login(body.username, body.password);
    return body.refreshCookie ? inRefreshCookie(pair, req, res, this.config.auth.refreshTokenTtlDays) : pair;
  }

  /** The refresh token from the body, or else from the refresh cookie (then the new one is set in the cookie as well). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body() body: RefreshDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (body.refreshToken !== undefined) return this.auth.refresh(body.refreshToken);
    const pair = await this.auth.refresh(refreshCookieOf(req) ?? '');
    return inRefreshCookie(pair, req, res, this.config.auth.refreshTokenTtlDays);
  }

  /** Revokes the refresh token of the body, or else the cookie's (and clears the cookie). */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() body: RefreshDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = body.refreshToken ?? refreshCookieOf(req);
    if (body.refreshToken === undefined) clearRefreshCookie(req, res);
    if (token) await this.auth.logout(token);
  }

  /** The demo accounts' names (not their passwords, printed once at start) when the demo data is loaded; the sign-in page lists them. */
  @Public()
  @Get('demo')
  demo() {
    return this.auth.demoAccounts();
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return this.auth.me(principal);
  }
}
