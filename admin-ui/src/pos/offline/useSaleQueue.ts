// The phone's queue of sales made offline, for React: one queue per app (shared by every tab through
// localStorage and its storage event), the hook that reads it, and how a sale is sent.
import { useSyncExternalStore } from 'react';
import { api } from '../../api/client.ts';
import { identity } from '../../access/session.ts';
import type { RecordedSale } from '../types.ts';
import { localStorageStorage, SaleQueue, type Owner, type QueueState, type SendSale } from './saleQueue.ts';

const KEY = 'phone-shop.sale-queue';

export const saleQueue = new SaleQueue(localStorageStorage(KEY));

window.addEventListener('storage', (event) => {
  if (event.key === KEY) saleQueue.reload();
});

export const sendSale: SendSale = (body, key) =>
  api<RecordedSale>('/api/sales', { method: 'POST', body, headers: { 'Idempotency-Key': key } });

export function currentOwner(): Owner | null {
  const me = identity();
  return me ? { userId: me.id, shopId: me.shop.id } : null;
}

export function useSaleQueue(): QueueState {
  return useSyncExternalStore(
    (listener) => saleQueue.subscribe(listener),
    () => saleQueue.state(),
  );
}
