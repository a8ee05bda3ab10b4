import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { RequestMeta } from '@dx/db';

/** The client address and request id (set by the request-id middleware) a write is audited with. */
export const ReqMeta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const request = ctx.switchToHttp().getRequest<Request & { id?: unknown }>();
  return { ip: request.ip ?? null, requestId: typeof request.id === 'string' ? request.id : null };
});
