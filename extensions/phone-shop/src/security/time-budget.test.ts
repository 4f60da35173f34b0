import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLongRunning, timeBudget } from './time-budget.ts';

let url = '';
let close: () => void = () => undefined;
let lateWriteFailed: unknown = null;

beforeAll(async () => {
  const app = express();
  app.use(timeBudget(200, 2_000));
  app.get('/slow', (_req, res) => {
    setTimeout(() => {
      try {
        res.json({ late: true });
      } catch (error) {
        lateWriteFailed = error;
      }
    }, 500);
  });
  app.get('/api/slow', (_req, res) => setTimeout(() => res.json({ late: true }), 500));
  app.get('/fast', (_req, res) => res.json({ ok: true }));
  app.get('/api/exports/sales', (_req, res) => setTimeout(() => res.json({ exported: true }), 500));
  await new Promise<void>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
      close = () => server.close();
      resolve();
    });
  });
});
afterAll(() => close());

describe('the time budget of a request', () => {
  it('answers 503 with Retry-After once spent, and ignores what the request writes later', async () => {
    const answer = await fetch(`${url}/slow`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('30');
    expect(
      ((await answer.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('REQUEST_TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(lateWriteFailed).toBeNull();
  });

  it('answers /api in its envelope, leaves quick requests alone and gives exports longer', async () => {
    const api = await fetch(`${url}/api/slow`);
    expect(((await api.json()) as { success: boolean; error: { code: string } }).error.code).toBe(
      'REQUEST_TIMEOUT',
    );
    expect((await fetch(`${url}/fast`)).status).toBe(200);
    expect((await fetch(`${url}/api/exports/sales`)).status).toBe(200);
    expect(isLongRunning('/api/reports/sales/daily-summary', { format: 'csv' })).toBe(true);
    expect(isLongRunning('/api/reports/sales/daily-summary', {})).toBe(false);
  });
});
