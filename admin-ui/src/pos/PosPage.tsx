// The point of sale, where staff spend their day. One column on a phone (search, quick add, cart,
// customer, payment, and a Charge button in thumb's reach above the bottom bar); two on a wider
// screen. The cart survives a reload; the checkout carries an Idempotency-Key kept for every retry
// of the same cart, so a sale sent twice on a bad connection is recorded once.
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  TextField,
  Typography,
} from '@mui/material';
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { api, ApiError } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import { can } from '../access/session.ts';
import { formatMoney } from '../format/format.ts';
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
import { CustomerPicker } from './CustomerPicker.tsx';
import { PaymentPanel } from './PaymentPanel.tsx';
import { lookupBarcode, ProductSearch } from './ProductSearch.tsx';
import { QuickAddGrid } from './QuickAddGrid.tsx';
import { ReceiptDialog } from './ReceiptDialog.tsx';
import type { LookupProduct, RecordedSale } from './types.ts';
import { usePosSettings } from './usePosSettings.ts';

const CameraScanner = lazy(() => import('./CameraScanner.tsx'));
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
  const [cart, dispatch] = useReducer(cartReducer, undefined, restoreCart);
  const [sending, setSending] = useState(false);
  const [retried, setRetried] = useState(false);
  const [done, setDone] = useState<{ sale: RecordedSale; change: number } | null>(null);
  const [scanning, setScanning] = useState(false);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    localStorage.setItem(CART_KEY, JSON.stringify(cart));
  }, [cart]);

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

  const charge = async () => {
    setSending(true);
    const body = checkoutBody(cart, settings.taxRateBp);
    // A network failure leaves the outcome unknown: the retry sends the same key, and the server
    // answers the first sale if it was recorded.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const sale = await api<RecordedSale>('/api/sales', {
          method: 'POST',
          body,
          headers: { 'Idempotency-Key': cart.idempotencyKey },
        });
        setDone({ sale, change: settlement.change });
        dispatch({ type: 'clear' });
        setRetried(false);
        setSending(false);
        return;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NETWORK' && attempt < 2) {
          setRetried(true);
          await new Promise((resolve) => setTimeout(resolve, 1500 * (attempt + 1)));
          continue;
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
      <Title title={translate('pos.title')} />
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
              <>
                <Box sx={{ my: 2 }}>
                  <CustomerPicker
                    customer={cart.customer}
                    onChange={(customer) => dispatch({ type: 'setCustomer', customer })}
                  />
                </Box>
                <PaymentPanel
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
                />
                <TextField
                  size="small"
                  fullWidth
                  multiline
                  label={translate('pos.notes')}
                  value={cart.notes}
                  onChange={(e) => dispatch({ type: 'setNotes', notes: e.target.value })}
                  sx={{ mt: 1 }}
                />
                {retried && (
                  <Alert severity="info" sx={{ mt: 1 }}>
                    {translate('pos.retry_note')}
                  </Alert>
                )}
                <Box
                  sx={{
                    position: { xs: 'sticky', md: 'static' },
                    bottom: { xs: 72, md: 'auto' },
                    mt: 2,
                    zIndex: 2,
                    display: 'flex',
                    gap: 1,
                  }}
                >
                  <Button
                    variant="outlined"
                    color="inherit"
                    onClick={() => dispatch({ type: 'clear' })}
                    sx={{ bgcolor: 'background.paper' }}
                  >
                    {translate('pos.clear')}
                  </Button>
                  <Button
                    variant="contained"
                    color="success"
                    size="large"
                    fullWidth
                    disabled={!canCharge}
                    onClick={() => void charge()}
                    data-testid="charge"
                    sx={{ minHeight: 56, fontSize: '1.125rem' }}
                  >
                    {sending ? <CircularProgress size={24} color="inherit" /> : chargeLabel}
                  </Button>
                </Box>
              </>
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
        <ReceiptDialog
          sale={done.sale}
          change={done.change}
          onClose={() => {
            setDone(null);
            search.current?.focus();
          }}
        />
      )}
    </Box>
  );
}
