// The spec's response envelope: { success, data, message, timestamp } and, on errors,
// { success: false, error: { code, message, details }, timestamp }.
import type { Response } from 'express';

export function envelope(data: unknown, message = 'Operation successful'): Record<string, unknown> {
  return { success: true, data, message, timestamp: new Date().toISOString() };
}

export function sendOk(res: Response, data: unknown, message = 'Operation successful', status = 200): void {
  res.status(status).json(envelope(data, message));
}

/** As sendOk, for data that is already JSON text (from PostgreSQL): sent as it is, not parsed again. */
export function sendOkJson(res: Response, dataJson: string, message = 'Operation successful'): void {
  const rest = JSON.stringify({ message, timestamp: new Date().toISOString() }).slice(1);
  res.status(200).type('application/json').send(`{"success":true,"data":${dataJson},${rest}`);
}

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  details?: Record<string, string[]>,
  context?: Record<string, unknown>,
): void {
  res.status(status).json({
    success: false,
    error: {
      code,
      message,
      ...(details ? { details } : {}),
      ...(context && Object.keys(context).length ? { context } : {}),
    },
    timestamp: new Date().toISOString(),
  });
}
