// Sends the sales waiting on this phone as soon as it can: when the app starts, when the connection
// comes back, when the app is shown again, and every 20 seconds while some wait. Says what was sent
// and what the server refused. Mounted by the till and by the back office, so a sale goes out
// whatever page the cashier is on.
import { useEffect, useRef } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { describeError } from '../../api/useApiError.ts';
import { ApiError } from '../../api/client.ts';
import { currentOwner, saleQueue, sendSale, useSaleQueue } from './useSaleQueue.ts';

export function SaleSync() {
  const notify = useNotify();
  const translate = useTranslate();
  useSaleQueue();
  const me = currentOwner();
  const userId = me?.userId;
  const shopId = me?.shopId;
  const waiting = me ? saleQueue.pendingCount(me) : 0;
  // A round already under way is shared: its outcome is told once.
  const told = useRef(new WeakSet<Promise<unknown>>());

  useEffect(() => {
    if (userId === undefined || shopId === undefined || waiting === 0) return;
    const owner = { userId, shopId };
    const flush = () => {
      if (!navigator.onLine) return;
      const round = saleQueue.flush(sendSale, owner);
      if (told.current.has(round)) return;
      told.current.add(round);
      void round.then((result) => {
        for (const sent of result.sent)
          notify(translate('pos.offline.sent', { number: sent.sale.sale_number }), { type: 'success' });
        for (const refused of result.refused) {
          const error = refused.error;
          const reason = error
            ? describeError(
                new ApiError(error.code, error.message, error.status, { context: error.context }),
                translate,
              )
            : '';
          notify(translate('pos.offline.refused', { reason }), { type: 'error', autoHideDuration: 10_000 });
        }
      });
    };
    flush();
    const onVisible = () => {
      if (document.visibilityState === 'visible') flush();
    };
    window.addEventListener('online', flush);
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(flush, 20_000);
    return () => {
      window.removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [userId, shopId, waiting, notify, translate]);
  return null;
}
