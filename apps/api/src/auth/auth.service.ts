import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@dx/config';
import { AccountRepository, AccountRow } from '@dx/db';
import { authMessages, DemoAccounts, Principal, PublicAccount, Role, TokenPair } from '@dx/domain';
import { DEMO_ACCOUNTS } from '../bootstrap/demo-data';

/** What an access token carries: enough to authorise without a database read. */
export interface AccessTokenPayload {
  sub: string;
  usr: string;
  role: Role;
  org: string | null;
  prv: string | null;
}

/** Shared with the web, so declared in libs/domain. */
export type { TokenPair };

export function publicAccount(a: AccountRow): PublicAccount {
  return { id: a.id, username: a.username, displayName: a.displayName, role: a.role, orgUnit: a.orgUnitCode, province: a.provinceCode };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: AccountRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<TokenPair> {
    return this.issue(await this.accounts.authenticate(username, password, new Date()));
  }

  /** Rotates the refresh token: the old one stops working. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const account = await this.accounts.consumeRefreshToken(refreshToken, new Date());
    if (!account)
      throw new UnauthorizedException({
        statusCode: 401,
        code: 'INVALID_REFRESH_TOKEN',
        message: authMessages.refreshInvalid(),
      });
    return this.issue(account);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.accounts.revokeRefreshToken(refreshToken);
  }

  async demoAccounts(): Promise<DemoAccounts> {
    if (!this.config.loadDemoData) return { demo: false, accounts: [] };
    const accounts = [];
    for (const a of DEMO_ACCOUNTS) {
      if (await this.accounts.findByUsername(a.username)) accounts.push({ username: a.username, role: a.role, displayName: a.displayName });
    }
    return { demo: true, accounts };
  }

  async me(principal: Principal) {
    const account = await this.accounts.findById(principal.userId);
    return {
      ...(account ? publicAccount(account) : { id: principal.userId, username: principal.username, role: principal.role }),
      scopes: principal.scopes,
    };
  }

  private async issue(account: AccountRow): Promise<TokenPair> {
    const payload: AccessTokenPayload = {
      sub: account.id,
      usr: account.username,
      role: account.role,
      org: account.orgUnitId,
      prv: account.provinceId,
    };
    return {
      // Its own id (jti): two tokens of one account issued within the same second (a sign-in and an early renewal)
      // would otherwise be the same string, and a page that waits for its token to change would wait for ever.
      accessToken: await this.jwt.signAsync(payload, { jwtid: randomUUID() }),
      tokenType: 'Bearer',
      expiresIn: this.config.auth.accessTokenTtlS,
      refreshToken: await this.accounts.issueRefreshToken(account.id, new Date(), this.config.auth.refreshTokenTtlDays),
      user: publicAccount(account),
    };
  }
}
