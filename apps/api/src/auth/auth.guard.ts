import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { AccountRepository } from '@dx/db';
import { authMessages, Principal, Role, ROLES as ALL_ROLES } from '@dx/domain';
import { AuthenticatedRequest, IS_PUBLIC, ROLES } from './auth.decorators';
import { AccessTokenPayload } from './auth.service';

/**
 * Global guard: every route needs a principal unless marked @Public. A bearer token is
 * either a signed access token (people) or an opaque `dxt_` API token (systems).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Access tokens already verified, each until its own expiry: a signed token cannot change,
   * and checking its signature again on every request was 6 % of a read's CPU. Only tokens
   * that passed are kept, so a tampered or expired one is always checked (and refused).
   */
  private readonly verified = new LRUCache<string, Principal>({ max: 10_000 });

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly accounts: AccountRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request.headers.authorization);
    if (!principal)
      throw new UnauthorizedException({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: authMessages.signInFirst(),
      });
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new ForbiddenException({ statusCode: 403, code: 'ACCESS_DENIED', message: authMessages.roleNotAllowed(principal.role) });
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return null;
    const token = match[1];
    if (token.startsWith('dxt_')) return this.accounts.principalForApiToken(token, new Date());
    const known = this.verified.get(token);
    if (known) return known;
    try {
      const p = await this.jwt.verifyAsync<AccessTokenPayload & { exp?: unknown }>(token);
      // A token without an expiry would never end: every token this API signs has one.
      if (typeof p.exp !== 'number' || typeof p.sub !== 'string' || !(ALL_ROLES as readonly string[]).includes(p.role)) return null;
      const principal: Principal = Object.freeze({
        userId: p.sub,
        username: p.usr,
        role: p.role,
        orgUnitId: p.org,
        provinceId: p.prv,
        scopes: null,
      });
      const ttl = p.exp * 1000 - Date.now();
      if (ttl > 0) this.verified.set(token, principal, { ttl });
      return principal;
    } catch {
      return null;
    }
  }
}
