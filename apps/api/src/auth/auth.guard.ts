import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AccountRepository } from '../../../../libs/db/src';
import { Principal, Role, ROLES as ALL_ROLES } from '../../../../libs/domain/src';
import { AuthenticatedRequest, IS_PUBLIC, ROLES } from './auth.decorators';
import { AccessTokenPayload } from './auth.service';

/**
 * Global guard: every route needs a principal unless marked @Public. A bearer token is
 * either a signed access token (people) or an opaque `dxt_` API token (systems).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request.headers.authorization);
    if (!principal) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'sign in first (Authorization: Bearer <token>)' });
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new ForbiddenException({ statusCode: 403, code: 'ACCESS_DENIED', message: `role ${principal.role} may not do this` });
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return null;
    const token = match[1];
    if (token.startsWith('dxt_')) return new AccountRepository(this.dataSource).principalForApiToken(token, new Date());
    try {
      const p = await this.jwt.verifyAsync<AccessTokenPayload & { exp?: unknown }>(token);
      // A token without an expiry would never end: every token this API signs has one.
      if (typeof p.exp !== 'number' || typeof p.sub !== 'string' || !(ALL_ROLES as readonly string[]).includes(p.role)) return null;
      return { userId: p.sub, username: p.usr, role: p.role, orgUnitId: p.org, provinceId: p.prv, scopes: null };
    } catch {
      return null;
    }
  }
}
