// Every request has a time budget (REQUEST_TIME_BUDGET, 30 s): past it the caller gets 503 with
// Retry-After, and whatever the request still does answers no one. PostgreSQL cancels its
// statements at the same limit on its own (statement_timeout on Directus's connections,
// directus/env.ts), so no query outlives its request by more than that. Exports stream for longer,
// within a budget of their own (EXPORT_TIME_BUDGET, 10 min): each of their statements is short.
import type { NextFunction, Request, Response } from 'express';
import { RequestTimeoutError } from '../errors.ts';
import { sendError } from '../endpoints/api/envelope.ts';

/** Whether a request streams a long answer (exports), and gets the longer budget. */
export function isLongRunning(path: string, query: Record<string, unknown>): boolean {
  return (
    path.startsWith('/api/exports') ||
    path.startsWith('/utils/export') ||
    path.startsWith('/utils/import') ||
    (path.startsWith('/api/reports') && typeof query['format'] === 'string') ||
    path.startsWith('/websocket')
  );
}

export function timeBudget(budgetMs: number, exportBudgetMs: number = 10 * 60_000) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const ms = isLongRunning(req.path, req.query as Record<string, unknown>) ? exportBudgetMs : budgetMs;
    const timer = setTimeout(() => {
      if (res.headersSent) {
        // Already streaming: end it rather than leave the caller waiting.
        res.destroy();
        return;
      }
      const seconds = Math.round(ms / 1000);
      const error = new RequestTimeoutError({ seconds });
      res.setHeader('Retry-After', '30');
      if (req.originalUrl.startsWith('/api/')) sendError(res, error.status, error.code, error.message);
      else
        res
          .status(error.status)
          .json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
      // What the request still does is answered to no one.
      const ignore = (): Response => res;
      res.setHeader = ignore as unknown as typeof res.setHeader;
      res.writeHead = ignore as unknown as typeof res.writeHead;
      res.json = ignore;
      res.send = ignore;
      res.end = ignore as unknown as typeof res.end;
    }, ms);
    timer.unref();
    const clear = (): void => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}
