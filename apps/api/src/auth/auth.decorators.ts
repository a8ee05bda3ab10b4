import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal, Role } from '@dx/domain';

export const IS_PUBLIC = 'dx:public';
export const ROLES = 'dx:roles';

/** No sign-in needed (health, sign-in itself). Every other route requires a principal. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles reach the handler (403 for the others); finer checks (province, agency) are the service's. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export type AuthenticatedRequest = Request & { principal?: Principal };

/** The signed-in principal the guard attached to the request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
