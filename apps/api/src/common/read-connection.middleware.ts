import type { NextFunction, Request, Response } from 'express';
import { onReadConnection } from '@dx/db';

/**
 * GET and HEAD requests run on the read connection (DATABASE_READ_URL): guards, services and
 * repositories alike, unless they ask for the primary (`onPrimary`). Every other method, and
 * everything outside a request, stays on the primary.
 */
export function readConnection(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD') onReadConnection(next);
  else next();
}
