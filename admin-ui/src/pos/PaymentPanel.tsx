// Payments: a method per row (cash, MTN Mobile Money, Airtel Money, card, bank, other), its amount
// and, for mobile money, the transaction id; split with "+"; change due when cash exceeds the total.
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { Box, Button, IconButton, MenuItem, TextField, Typography } from '@mui/material';
import type { Dispatch } from 'react';
import { useTranslate } from 'react-admin';
import { formatMoney } from '../format/format.ts';
import { NEEDS_REFERENCE, PAYMENT_METHODS, type Cart, type CartAction, type Settlement } from './cart.ts';

export function PaymentPanel({
  cart,
  dispatch,
  settlement,
  onExact,
}: {
  cart: Cart;
  dispatch: Dispatch<CartAction>;
  settlement: Settlement;
  onExact: () => void;
}) {
  const translate = useTranslate();
  return (
    <Box component="section" aria-label={translate('pos.pay')}>
      {cart.payments.map((payment, index) => (
        <Box key={index} sx={{ display: 'flex', gap: 1, mb: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField
            select
            size="small"
            label={translate('pos.method')}
            value={payment.method}
            onChange={(e) =>
              dispatch({
                type: 'setPayment',
                index,
                payment: { method: e.target.value as (typeof PAYMENT_METHODS)[number] },
              })
            }
            sx={{ minWidth: 170, flex: 1 }}
            slotProps={{ htmlInput: { 'data-testid': `payment-method-${String(index)}` } }}
          >
            {PAYMENT_METHODS.map((method) => (
              <MenuItem key={method} value={method}>
                {translate(`app.method.${method}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            type="number"
            name={`payment-amount-${String(index)}`}
            label={translate('pos.amount')}
            value={payment.amount || ''}
            onChange={(e) =>
              dispatch({ type: 'setPayment', index, payment: { amount: Number(e.target.value) } })
            }
            slotProps={{ htmlInput: { min: 0, inputMode: 'numeric' } }}
            sx={{ width: 140 }}
          />
          {NEEDS_REFERENCE.has(payment.method) && (
            <TextField
              size="small"
              name={`payment-reference-${String(index)}`}
              label={translate('pos.reference')}
              value={payment.reference}
              onChange={(e) =>
                dispatch({ type: 'setPayment', index, payment: { reference: e.target.value } })
              }
              sx={{ flex: 1, minWidth: 140 }}
            />
          )}
          {cart.payments.length > 1 && (
            <IconButton
              aria-label={translate('pos.remove_payment')}
              onClick={() => dispatch({ type: 'removePayment', index })}
            >
              <DeleteIcon />
            </IconButton>
          )}
        </Box>
      ))}
      <Box sx={{ display: 'flex', gap: 1, mb: 1 }}>
        <Button variant="outlined" onClick={onExact}>
          {translate('pos.exact')}
        </Button>
        <Button variant="text" onClick={() => dispatch({ type: 'addPayment', method: 'MTN Mobile Money' })}>
          + {translate('pos.add_payment')}
        </Button>
      </Box>
      <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography>{translate('pos.paid')}</Typography>
        <Typography>{formatMoney(settlement.paid)}</Typography>
      </Box>
      {settlement.remaining > 0 && (
        <Box sx={{ display: 'flex', justifyContent: 'space-between', color: 'error.main' }}>
          <Typography>{translate('pos.remaining')}</Typography>
          <Typography data-testid="remaining">{formatMoney(settlement.remaining)}</Typography>
        </Box>
      )}
      {settlement.change > 0 && (
        <Box sx={{ display: 'flex', justifyContent: 'space-between', color: 'success.main' }}>
          <Typography variant="h5">{translate('pos.change')}</Typography>
          <Typography variant="h5" data-testid="change-due">
            {formatMoney(settlement.change)}
          </Typography>
        </Box>
      )}
    </Box>
  );
}
