import type { NextFunction, Request, Response } from 'express';
import { httpMessages } from '@dx/domain';
import { sendProblem } from './problem';

/**
 * Deepest nesting of arrays and objects a JSON body may have. The DTOs nest three levels; the
 * NUL check, class-transformer and class-validator recurse into bodies, so a body nested
 * thousands deep (1 MB of `[`) used to exhaust the stack and answer 500.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `limit` (measured with an explicit stack: any depth is safe). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.value === null || typeof top.value !== 'object') continue;
    if (top.depth >= limit) return true;
    for (const child of Object.values(top.value)) stack.push({ value: child, depth: top.depth + 1 });
  }
  return false;
}

/** Refuses a parsed JSON body nested deeper than MAX_JSON_DEPTH with 400, before any handler walks it. */
export function jsonDepthLimit(req: Request, res: Response, next: NextFunction): void {
  if (req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body) && nestsDeeperThan(req.body, MAX_JSON_DEPTH)) {
    sendProblem(req, res, 400, 'BAD_BODY', httpMessages.bodyTooDeep(MAX_JSON_DEPTH));
    return;
  }
  next();
}
