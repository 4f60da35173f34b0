// The cart: one row per line with − / + (44 px targets), the line discount when the role may give
// one, and a remove button. Totals sit under it.
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import RemoveIcon from '@mui/icons-material/Remove';
import { Box, Divider, IconButton, TextField, Typography } from '@mui/material';
import type { Dispatch } from 'react';
import { useTranslate } from 'react-admin';
import { formatMoney } from '../format/format.ts';
import type { Cart, CartAction, Totals } from './cart.ts';

function Row({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'space-between', py: 0.25 }}>
      <Typography variant={strong ? 'h5' : 'body2'} component="span">
        {label}
      </Typography>
      <Typography
        variant={strong ? 'h5' : 'body2'}
        component="span"
        data-testid={strong ? 'cart-total' : undefined}
      >
        {value}
      </Typography>
    </Box>
  );
}

export function CartView({
  cart,
  dispatch,
  totals,
  canDiscount,
}: {
  cart: Cart;
  dispatch: Dispatch<CartAction>;
  totals: Totals;
  canDiscount: boolean;
}) {
  const translate = useTranslate();
  if (cart.lines.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ py: 3, textAlign: 'center' }}>
        {translate('pos.cart_empty')}
      </Typography>
    );
  }
  return (
    <Box component="section" aria-label={translate('pos.cart')}>
      {cart.lines.map((line) => (
        <Box key={line.key} data-testid="cart-line" sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography sx={{ fontWeight: 600 }} noWrap>
                {line.name}
              </Typography>
              <Typography
                variant="caption"
                color={line.stock !== undefined && line.quantity > line.stock ? 'error' : 'text.secondary'}
              >
                {formatMoney(line.unitPrice)}
                {line.stock !== undefined && line.quantity > line.stock
                  ? ` · ${translate('pos.low_stock', { count: line.stock })}`
                  : ''}
              </Typography>
            </Box>
            <IconButton
              aria-label={translate('pos.decrease')}
              onClick={() => dispatch({ type: 'setQuantity', key: line.key, quantity: line.quantity - 1 })}
            >
              <RemoveIcon />
            </IconButton>
            <Typography sx={{ minWidth: 24, textAlign: 'center' }} aria-label={translate('pos.quantity')}>
              {line.quantity}
            </Typography>
            <IconButton
              aria-label={translate('pos.increase')}
              disabled={line.kind === 'device'}
              onClick={() => dispatch({ type: 'setQuantity', key: line.key, quantity: line.quantity + 1 })}
            >
              <AddIcon />
            </IconButton>
            <IconButton
              aria-label={translate('pos.remove')}
              onClick={() => dispatch({ type: 'remove', key: line.key })}
            >
              <DeleteIcon />
            </IconButton>
          </Box>
          {canDiscount && (
            <TextField
              size="small"
              type="number"
              label={translate('pos.line_discount')}
              value={line.discount || ''}
              onChange={(e) =>
                dispatch({ type: 'setLineDiscount', key: line.key, discount: Number(e.target.value) })
              }
              slotProps={{ htmlInput: { min: 0, inputMode: 'numeric' } }}
              sx={{ mt: 1, width: 160 }}
            />
          )}
        </Box>
      ))}
      {canDiscount && (
        <TextField
          size="small"
          type="number"
          label={translate('pos.sale_discount')}
          value={cart.saleDiscount || ''}
          onChange={(e) => dispatch({ type: 'setSaleDiscount', discount: Number(e.target.value) })}
          slotProps={{ htmlInput: { min: 0, inputMode: 'numeric' } }}
          sx={{ mt: 1, width: 160 }}
        />
      )}
      <Box sx={{ mt: 1 }}>
        <Row label={translate('pos.subtotal')} value={formatMoney(totals.subtotal)} />
        {totals.discount > 0 && (
          <Row label={translate('pos.discount')} value={`− ${formatMoney(totals.discount)}`} />
        )}
        {totals.tax > 0 && <Row label={translate('pos.tax')} value={formatMoney(totals.tax)} />}
        <Divider sx={{ my: 0.5 }} />
        <Row label={translate('pos.total')} value={formatMoney(totals.total)} strong />
      </Box>
    </Box>
  );
}
