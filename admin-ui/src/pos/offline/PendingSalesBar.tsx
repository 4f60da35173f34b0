// A line above the till while sales wait on this phone: how many wait, how many the server refused,
// and the list to resolve them (its own chunk, opened on a tap).
import { Alert, Button } from '@mui/material';
import { lazy, Suspense, useState, type Dispatch } from 'react';
import { useTranslate } from 'react-admin';
import type { Cart, CartAction } from '../cart.ts';
import { owns } from './saleQueue.ts';
import { currentOwner, useSaleQueue } from './useSaleQueue.ts';

const PendingSalesDialog = lazy(() => import('./PendingSalesDialog.tsx'));

export function PendingSalesBar({ cart, dispatch }: { cart: Cart; dispatch: Dispatch<CartAction> }) {
  const translate = useTranslate();
  const state = useSaleQueue();
  const [open, setOpen] = useState(false);
  const owner = currentOwner();
  const mine = owner ? state.sales.filter((s) => owns(owner, s)) : [];
  const refused = mine.filter((s) => s.status === 'refused').length;
  const waiting = mine.length - refused;
  if (mine.length === 0 && !open) return null;
  return (
    <>
      {mine.length > 0 && (
        <Alert
          severity={refused > 0 ? 'error' : 'warning'}
          sx={{ mb: 1, alignItems: 'center' }}
          data-testid="pending-sales"
          action={
            <Button color="inherit" onClick={() => setOpen(true)}>
              {translate('pos.offline.show')}
            </Button>
          }
        >
          {[
            waiting > 0 ? translate('pos.offline.pending', { smart_count: waiting }) : '',
            refused > 0 ? translate('pos.offline.refused_count', { smart_count: refused }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </Alert>
      )}
      {open && (
        <Suspense fallback={null}>
          <PendingSalesDialog cart={cart} dispatch={dispatch} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
