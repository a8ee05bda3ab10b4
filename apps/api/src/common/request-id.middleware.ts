import { randomUUID } from 'crypto';
import type { NextFunction, Request, Response } from 'express';

/** A client's X-Request-Id when it is sane, else a new UUID: on the request (logs, audit) and echoed in the response. */
export function requestId(req: Request & { id?: unknown }, res: Response, next: NextFunction): void {
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && /^[\w.:-]{1,100}$/.test(sent) ? sent : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  next();
}
