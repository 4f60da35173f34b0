// The point of sale, where staff spend their day. One column on a phone (search, quick add, cart,
// customer, payment, and a Charge button in thumb's reach above the bottom bar); two on a wider
// screen. The cart survives a reload; the checkout carries an Idempotency-Key kept for every retry
// of the same cart, so a sale sent twice on a bad connection is recorded once. Without a connection
// the sale is kept on the phone under that key and sent when the connection returns (offline/).
import { Alert, Box, Card, CardContent, Typography } from '@mui/material';
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import { can } from '../access/session.ts';
import { useOnline } from '../common/useOnline.ts';
import { formatMoney, shopCurrency } from '../format/format.ts';
import {
  cartReducer,
  checkoutBody,
  discountBp,
  emptyCart,
  fillRemaining,
  settle,
  totals as computeTotals,
  type Cart,
} from './cart.ts';
import { CartView } from './CartView.tsx';
import { CheckoutPanel } from './CheckoutPanel.tsx';
import { lookupBarcode, refreshCatalogue, cachedCatalogue } from './catalogue.ts';
import { PendingSalesBar } from './offline/PendingSalesBar.tsx';
import { currentOwner, saleQueue, sendSale } from './offline/useSaleQueue.ts';
import { ProductSearch } from './ProductSearch.tsx';
import { QuickAddGrid } from './QuickAddGrid.tsx';
import type { LookupProduct, RecordedSale } from './types.ts';
import { usePosSettings } from './usePosSettings.ts';

// Shown after a sale only: fetched when the till is idle.
const loadReceipt = () => import('./ReceiptDialog.tsx');
const ReceiptDialog = lazy(loadReceipt);
const CameraScanner = lazy(() => import('./CameraScanner.tsx'));

const isOnline = (): boolean => navigator.onLine;

/** How old the phone's copy of the catalogue may be before the till loads it again. */
const CATALOGUE_MAX_AGE_MS = 10 * 60_000;

function whenIdle(run: () => void): () => void {
  if ('requestIdleCallback' in window) {
    const id = window.requestIdleCallback(run, { timeout: 3000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(run, 1500);
  return () => clearTimeout(id);
}
const CART_KEY = 'phone-shop.cart';

function restoreCart(): Cart {
  const raw = localStorage.getItem(CART_KEY);
  if (!raw) return emptyCart();
  try {
    return { ...emptyCart(), ...(JSON.parse(raw) as Partial<Cart>) };
  } catch {
    return emptyCart();
  }
}

/** Keyboard-wedge scanners type fast and end with Enter; catch them when no field has the focus. */
function useWedgeScanner(onCode: (code: string) => void): void {
  useEffect(() => {
    let buffer = '';
    let last = 0;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      const now = Date.now();
      if (now - last > 80) buffer = '';
      last = now;
      if (event.key === 'Enter') {
        if (buffer.length >= 4) onCode(buffer);
        buffer = '';
      } else if (event.key.length === 1) buffer += event.key;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCode]);
}

export default function PosPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const settings = usePosSettings();
  const online = useOnline();
  const [cart, dispatch] = useReducer(cartReducer, undefined, restoreCart);
  const [sending, setSending] = useState(false);
  const [retried, setRetried] = useState(false);
  const [done, setDone] = useState<
    | { sale: RecordedSale; change: number }
    | { queued: { total: number; currency: string }; change: number }
    | null
  >(null);
  const [scanning, setScanning] = useState(false);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    localStorage.setItem(CART_KEY, JSON.stringify(cart));
  }, [cart]);

  // Once the till is drawn: the receipt's code, and the catalogue for offline search.
  useEffect(
    () =>
      whenIdle(() => {
        void loadReceipt();
        const saved = cachedCatalogue().savedAt;
        if (navigator.onLine && (!saved || Date.now() - Date.parse(saved) > CATALOGUE_MAX_AGE_MS))
          refreshCatalogue().catch(() => undefined);
      }),
    [],
  );

  const totals = useMemo(() => computeTotals(cart, settings.taxRateBp), [cart, settings.taxRateBp]);
  const settlement = useMemo(() => settle(cart.payments, totals.total), [cart.payments, totals.total]);
  const overLimit = !can('sales', 'edit') && discountBp(totals) > settings.staffDiscountLimitBp;

  const addProduct = useCallback(
    (product: LookupProduct) => {
      dispatch({ type: 'addProduct', product });
      notify(product.name, { type: 'success', autoHideDuration: 1200 });
    },
    [notify],
  );

  const scanned = useCallback(
    (code: string) => {
      setScanning(false);
      lookupBarcode(code)
        .then((product) => {
          if (product) addProduct(product);
          else notify(translate('pos.not_found', { code }), { type: 'warning' });
        })
        .catch(showError);
    },
    [addProduct, notify, showError, translate],
  );
  useWedgeScanner(scanned);

  /** Keeps the sale on the phone under its cart's key; false when it could not be saved. */
  const queue = (body: ReturnType<typeof checkoutBody>): boolean => {
    const owner = currentOwner();
    if (!owner) return false;
    try {
      saleQueue.enqueue({
        ...owner,
        key: cart.idempotencyKey,
        body,
        cart,
        total: totals.total,
        change: settlement.change,
        currency: shopCurrency(),
      });
    } catch {
      notify(translate('pos.offline.storage_full'), { type: 'error', autoHideDuration: 10_000 });
      return false;
    }
    setDone({ queued: { total: totals.total, currency: shopCurrency() }, change: settlement.change });
    dispatch({ type: 'clear' });
    setRetried(false);
    return true;
  };

  const charge = async () => {
    setSending(true);
    const body = checkoutBody(cart, settings.taxRateBp);
    if (!isOnline()) {
      queue(body);
      setSending(false);
      return;
    }
    // A network failure leaves the outcome unknown: the retry sends the same key, and the server
    // answers the first sale if it was recorded. Still no answer: the sale waits on the phone.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const sale = await sendSale(body, cart.idempotencyKey);
        setDone({ sale, change: settlement.change });
        dispatch({ type: 'clear' });
        setRetried(false);
        setSending(false);
        return;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NETWORK') {
          // The connection may have gone meanwhile (the offline event arrives later).
          if (attempt === 0 && isOnline()) {
            setRetried(true);
            await new Promise((resolve) => setTimeout(resolve, 1500));
            continue;
          }
          queue(body);
          break;
        }
        showError(error);
        break;
      }
    }
    setSending(false);
  };

  const chargeLabel = translate('pos.charge', { amount: formatMoney(totals.total) });
  const canCharge = cart.lines.length > 0 && settlement.ready && !sending;

  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }} data-testid="pos">
      <PendingSalesBar cart={cart} dispatch={dispatch} />
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', md: '7fr 5fr' },
          alignItems: 'start',
        }}
      >
        <Box>
          <ProductSearch ref={search} onAdd={addProduct} onScan={() => setScanning(true)} />
          <QuickAddGrid onAdd={addProduct} />
        </Box>
        <Card>
          <CardContent>
            <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              <Typography variant="h5" component="h2">
                {translate('pos.cart')}
              </Typography>
              <Typography color="text.secondary" data-testid="cart-count">
                {translate('pos.items', { smart_count: totals.itemCount })}
              </Typography>
            </Box>
            <CartView cart={cart} dispatch={dispatch} totals={totals} canDiscount />
            {overLimit && (
              <Alert severity="warning" sx={{ mt: 1 }}>
                {translate('pos.discount_limit')}
              </Alert>
            )}
            {cart.lines.length > 0 && (
              <CheckoutPanel
                cart={cart}
                dispatch={dispatch}
                settlement={settlement}
                onExact={() => {
                  const filled = fillRemaining(cart, settings.taxRateBp);
                  const last = filled.payments.length - 1;
                  dispatch({
                    type: 'setPayment',
                    index: last,
                    payment: { amount: filled.payments[last]?.amount ?? 0 },
                  });
                }}
                onCharge={() => void charge()}
                chargeLabel={chargeLabel}
                canCharge={canCharge}
                sending={sending}
                retried={retried}
                online={online}
              />
            )}
          </CardContent>
        </Card>
      </Box>
      {scanning && (
        <Suspense fallback={null}>
          <CameraScanner onCode={scanned} onClose={() => setScanning(false)} />
        </Suspense>
      )}
      {done && (
        <Suspense fallback={null}>
          <ReceiptDialog
            {...done}
            onClose={() => {
              setDone(null);
              search.current?.focus();
            }}
          />
        </Suspense>
      )}
    </Box>
  );
}
