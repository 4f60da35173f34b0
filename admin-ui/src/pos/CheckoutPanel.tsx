// The second half of a sale, shown once the cart has a line: the customer, the payments, notes and
// the Charge button in thumb's reach.
import { Alert, Box, Button, CircularProgress, TextField } from '@mui/material';
import type { Dispatch } from 'react';
import { useTranslate } from 'react-admin';
import type { Cart, CartAction, Settlement } from './cart.ts';
import { CustomerPicker } from './CustomerPicker.tsx';
import { PaymentPanel } from './PaymentPanel.tsx';

export interface CheckoutPanelProps {
  cart: Cart;
  dispatch: Dispatch<CartAction>;
  settlement: Settlement;
  onExact: () => void;
  onCharge: () => void;
  chargeLabel: string;
  canCharge: boolean;
  sending: boolean;
  retried: boolean;
  online: boolean;
}

export function CheckoutPanel({
  cart,
  dispatch,
  settlement,
  onExact,
  onCharge,
  chargeLabel,
  canCharge,
  sending,
  retried,
  online,
}: CheckoutPanelProps) {
  const translate = useTranslate();
  return (
    <>
      <Box sx={{ my: 2 }}>
        <CustomerPicker
          customer={cart.customer}
          onChange={(customer) => dispatch({ type: 'setCustomer', customer })}
        />
      </Box>
      <PaymentPanel cart={cart} dispatch={dispatch} settlement={settlement} onExact={onExact} />
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
      {!online && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="offline-charge-note">
          {translate('pos.offline.charge_note')}
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
          onClick={onCharge}
          data-testid="charge"
          sx={{ minHeight: 56, fontSize: '1.125rem' }}
        >
          {sending ? <CircularProgress size={24} color="inherit" /> : chargeLabel}
        </Button>
      </Box>
    </>
  );
}
