// The sales saved on this phone: each with its total, when it was made and where it stands (waiting,
// being sent, refused with the server's reason). A refused sale is the cashier's to resolve: try it
// again as it is, take it back into the till to change it (under a new key), or discard it. The
// last sales sent are listed with their numbers and receipts.
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  Stack,
  Typography,
} from '@mui/material';
import { useState, type Dispatch } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError } from '../../api/client.ts';
import { describeError, useApiError } from '../../api/useApiError.ts';
import { formatDateTime, formatMoney } from '../../format/format.ts';
import type { Cart, CartAction } from '../cart.ts';
import { printReceipt } from '../ReceiptDialog.tsx';
import { owns, type QueuedSale } from './saleQueue.ts';
import { currentOwner, saleQueue, sendSale, useSaleQueue } from './useSaleQueue.ts';

const STATUS_COLOR = { pending: 'warning', sending: 'info', refused: 'error' } as const;

export default function PendingSalesDialog({
  cart,
  dispatch,
  onClose,
}: {
  cart: Cart;
  dispatch: Dispatch<CartAction>;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const state = useSaleQueue();
  const owner = currentOwner();
  const [confirming, setConfirming] = useState<string | null>(null);
  const mine = owner ? state.sales.filter((s) => owns(owner, s)) : [];
  const others = state.sales.length - mine.length;
  const sent = owner ? state.sent.filter((s) => owns(owner, s)) : [];

  const sendNow = () => {
    if (!owner) return;
    void saleQueue.flush(sendSale, owner).then((result) => {
      if (result.stopped) notify(translate('app.error.NETWORK'), { type: 'warning' });
    });
  };

  const reason = (sale: QueuedSale): string =>
    sale.error
      ? describeError(
          new ApiError(sale.error.code, sale.error.message, sale.error.status, {
            context: sale.error.context,
          }),
          translate,
        )
      : '';

  const lines = (sale: QueuedSale): string =>
    sale.cart.lines.map((l) => `${String(l.quantity)} × ${l.name}`).join(', ');

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="pending-dialog">
      <DialogTitle>{translate('pos.offline.title')}</DialogTitle>
      <DialogContent dividers>
        {mine.length === 0 && (
          <Typography color="text.secondary">{translate('pos.offline.empty')}</Typography>
        )}
        <Stack spacing={1.5} divider={<Divider flexItem />}>
          {mine.map((sale) => (
            <Box key={sale.key} data-testid="pending-sale">
              <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, alignItems: 'center' }}>
                <Typography sx={{ fontWeight: 600 }}>{formatMoney(sale.total, sale.currency)}</Typography>
                <Chip
                  size="small"
                  color={STATUS_COLOR[sale.status]}
                  label={translate(`pos.offline.status_${sale.status}`)}
                />
              </Box>
              <Typography variant="body2">{lines(sale)}</Typography>
              <Typography variant="caption" color="text.secondary">
                {translate('pos.offline.queued_at', { time: formatDateTime(sale.queuedAt) })}
                {sale.cart.customer ? ` · ${sale.cart.customer.name}` : ''}
              </Typography>
              {sale.status === 'refused' && (
                <>
                  <Alert severity="error" sx={{ my: 1 }}>
                    {reason(sale)}
                  </Alert>
                  <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
                    <Button variant="outlined" onClick={() => saleQueue.retry(sale.key)}>
                      {translate('pos.offline.retry')}
                    </Button>
                    <Button
                      variant="outlined"
                      disabled={cart.lines.length > 0}
                      title={cart.lines.length > 0 ? translate('pos.offline.to_till_busy') : undefined}
                      onClick={() => {
                        dispatch({ type: 'restore', cart: sale.cart });
                        saleQueue.discard(sale.key);
                        onClose();
                      }}
                    >
                      {translate('pos.offline.to_till')}
                    </Button>
                    {confirming === sale.key ? (
                      <Button
                        color="error"
                        variant="contained"
                        onClick={() => {
                          saleQueue.discard(sale.key);
                          setConfirming(null);
                        }}
                      >
                        {translate('pos.offline.discard_confirm')}
                      </Button>
                    ) : (
                      <Button color="error" onClick={() => setConfirming(sale.key)}>
                        {translate('pos.offline.discard')}
                      </Button>
                    )}
                  </Box>
                  {cart.lines.length > 0 && (
                    <Typography variant="caption" color="text.secondary">
                      {translate('pos.offline.to_till_busy')}
                    </Typography>
                  )}
                </>
              )}
            </Box>
          ))}
        </Stack>
        {others > 0 && (
          <Alert severity="info" sx={{ mt: 2 }}>
            {translate('pos.offline.others', { smart_count: others })}
          </Alert>
        )}
        {sent.length > 0 && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2" color="text.secondary">
              {translate('pos.offline.sent_list')}
            </Typography>
            {sent.map((s) => (
              <Box
                key={s.key}
                sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1 }}
                data-testid="sent-sale"
              >
                <Typography variant="body2">
                  {s.sale.sale_number} · {formatMoney(s.sale.final_amount, s.sale.currency)}
                </Typography>
                <Button onClick={() => void printReceipt(s.sale.id).catch(showError)}>
                  {translate('app.action.print')}
                </Button>
              </Box>
            ))}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
        <Button
          variant="contained"
          onClick={sendNow}
          disabled={!navigator.onLine || mine.every((s) => s.status === 'refused')}
        >
          {translate('pos.offline.send_now')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
