import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Request } from 'express';
import type { RequestMeta } from '../../../../libs/db/src';

/** The client address and request id a write is audited with (X-Request-Id when the client sends a sane one). */
export const ReqMeta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const request = ctx.switchToHttp().getRequest<Request & { requestId?: string }>();
  const sent = request.headers['x-request-id'];
  request.requestId ??= typeof sent === 'string' && /^[\w.:-]{1,100}$/.test(sent) ? sent : randomUUID();
  return { ip: request.ip ?? null, requestId: request.requestId };
});
