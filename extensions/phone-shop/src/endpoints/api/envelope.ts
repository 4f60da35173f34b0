// The spec's response envelope: { success, data, message, timestamp } and, on errors,
// { success: false, error: { code, message, details }, timestamp }.
import type { Response } from 'express';

export function sendOk(res: Response, data: unknown, message = 'Operation successful', status = 200): void {
  res.status(status).json({ success: true, data, message, timestamp: new Date().toISOString() });
}

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  details?: Record<string, string[]>,
): void {
  res.status(status).json({
    success: false,
    error: { code, message, ...(details ? { details } : {}) },
    timestamp: new Date().toISOString(),
  });
}
