// Gives database constraint violations a clear 400 naming the field (see database/constraint-errors).
// Registered after the routes and before Directus's own error handler.
import { defineHook } from '@directus/extensions-sdk';
import type { NextFunction, Request, Response } from 'express';
import { clarifyDatabaseError } from '../../database/constraint-errors.ts';

export default defineHook(({ init }) => {
  init('routes.custom.after', (meta) => {
    const app = meta['app'] as { use: (handler: unknown) => void };
    app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => {
      next(clarifyDatabaseError(error) ?? error);
    });
  });
});
