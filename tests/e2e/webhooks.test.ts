// Settings › Webhooks in Chromium: the Owner adds a webhook for sale.created pointing at a receiver of
// the test, reads its secret (shown once), a phone is sold at the till, the receiver gets the event
// signed with that secret (Standard Webhooks), and the webhook's delivery log shows the delivered
// attempt. The pages fit a phone's width. (The instance allows http receivers on 127.0.0.1:
// WEBHOOKS_ALLOW_PRIVATE in tests/setup/instance.ts.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, db, shopIds } from '../support/context.ts';
import { browserSessions, PHONE, pos, screenshot, sidewaysScroll, signIn, webhooks } from './pages.ts';

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A receiver on 127.0.0.1 that answers 200 to every POST and keeps what it got. */
function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers[name] = value;
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${String(port)}/hook`,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

// The webhook is removed afterwards: the other browser tests' sales would be sent to a closed port.
const session = browserSessions(PHONE, async () => {
  const owner = await as('kampalaOwner');
  const { body } = await owner.request<{ data?: { id: number; url: string }[] }>('GET', '/api/webhooks');
  for (const hook of body.data ?? [])
    if (hook.url === receiver.url) await owner.request('DELETE', `/api/webhooks/${String(hook.id)}`);
});

describe('webhooks', () => {
  it('sends a sale to a webhook the Owner added, signed with the secret shown once, and logs it', async () => {
    const { kampala } = await shopIds();
    const phone = (await db()('products')
      .where({ shop_id: kampala, is_active: true, category: 'Phones' })
      .whereNotNull('barcode')
      .where('stock_quantity', '>=', 1)
      .orderBy('id')
      .first('name', 'barcode')) as { name: string; barcode: string } | undefined;
    if (!phone) throw new Error('the demo shop has no phone in stock to sell');

    // The Owner adds the webhook from Settings › Webhooks.
    const owner = await session(PHONE);
    await signIn(owner.page, 'kampalaOwner');
    await webhooks.open(owner.page);
    const secret = await webhooks.create(owner.page, {
      url: receiver.url,
      description: 'Accounting',
      events: ['sale.created'],
    });
    expect(secret).toMatch(/^whsec_/);
    const card = webhooks.card(owner.page, receiver.url);
    await card.getByText('Active', { exact: true }).waitFor();
    await screenshot(owner.page, 'webhooks-list-phone');

    // A cashier sells a phone at the till.
    const cashier = await session(PHONE);
    await signIn(cashier.page, 'kampalaStaff');
    await pos.open(cashier.page);
    await pos.scan(cashier.page, phone.barcode);
    await expect.poll(() => cashier.page.getByTestId('cart-line').count()).toBe(1);
    const saleNumber = await pos.chargeExact(cashier.page);

    // The receiver gets sale.created within seconds, and its signature verifies with the secret.
    const delivery = () =>
      receiver.received.find((r) => {
        const body = JSON.parse(r.body) as { event?: string; data?: { sale_number?: string } };
        return body.event === 'sale.created' && body.data?.sale_number === saleNumber;
      });
    await expect.poll(delivery, { timeout: 15_000, interval: 200 }).toBeDefined();
    const got = delivery();
    if (!got) throw new Error('no sale.created delivery');
    const verified = new Webhook(secret).verify(got.body, got.headers) as {
      event: string;
      shop_id: number;
      data: { sale_number: string };
    };
    expect(verified).toMatchObject({
      event: 'sale.created',
      shop_id: kampala,
      data: { sale_number: saleNumber },
    });

    // The webhook's delivery log shows the attempt, delivered.
    await webhooks.openLog(owner.page, receiver.url);
    const attempt = webhooks.attempts(owner.page).filter({ hasText: 'sale.created' }).first();
    await attempt.waitFor({ timeout: 15_000 });
    expect(await attempt.getAttribute('data-status')).toBe('delivered');
    await attempt.getByText('Delivered', { exact: true }).waitFor();
    await attempt.getByText(/HTTP 200/).waitFor();
    await screenshot(owner.page, 'webhook-log-phone');

    // Both pages fit a 375 px wide phone: nothing scrolls sideways.
    await owner.page.setViewportSize({ width: 375, height: 812 });
    expect(await sidewaysScroll(owner.page)).toBe(0);
    await webhooks.open(owner.page);
    await card.waitFor();
    expect(await sidewaysScroll(owner.page)).toBe(0);
    expect([...owner.errors, ...cashier.errors]).toEqual([]);
  });
});
