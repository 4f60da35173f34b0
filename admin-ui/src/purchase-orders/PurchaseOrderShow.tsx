// A purchase order: its lines with what was ordered, what came and what is still to come (costs for
// the Owner only), and the actions the role may take in the order's status (order.ts orderActions):
// receive a delivery (per-line quantities, everything outstanding to start with), cancel with a
// reason, download the PDF for the supplier.
import {
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  Show,
  TopToolbar,
  useLocale,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { can } from '../access/session.ts';
import { api, apiBlob } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import { StatusChip, usePhone } from '../common/fields.tsx';
import { formatDateTime, formatMoney } from '../format/format.ts';
import {
  canSend,
  checkDelivery,
  defaultDelivery,
  isOpen,
  orderActions,
  outstanding,
  receivableLines,
  type DeliveryForm,
  type PurchaseOrder,
} from './order.ts';

/** While the order loads, react-admin may show the list's row: it has the lines too. */
function useOrder(): PurchaseOrder | undefined {
  const record = useRecordContext();
  return record && Array.isArray(record['lines']) ? (record as unknown as PurchaseOrder) : undefined;
}

function useDone() {
  const notify = useNotify();
  const refresh = useRefresh();
  return (message: string, args: Record<string, unknown>) => {
    notify(message, { type: 'success', messageArgs: args });
    refresh();
  };
}

function ReceiveButton({ order }: { order: PurchaseOrder }) {
  const translate = useTranslate();
  const showError = useApiError();
  const done = useDone();
  const phone = usePhone();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<DeliveryForm>({});
  const [notes, setNotes] = useState('');
  const [sending, setSending] = useState(false);
  const check = checkDelivery(order, form);
  const start = () => {
    setForm(defaultDelivery(order));
    setNotes('');
    setOpen(true);
  };
  const send = () => {
    setSending(true);
    api<PurchaseOrder>(`/api/purchase-orders/${String(order.id)}/receive`, {
      method: 'POST',
      body: { lines: check.lines, notes: notes.trim() || null },
    })
      .then((updated) => {
        setOpen(false);
        done('purchase_orders.delivered', {
          reference: updated.reference,
          status: translate(`app.status.${updated.status}`),
        });
      })
      .catch(showError)
      .finally(() => setSending(false));
  };
  return (
    <>
      <Button onClick={start}>{translate('purchase_orders.receive')}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm" fullScreen={phone}>
        <DialogTitle>
          {translate('purchase_orders.receive')} · {order.reference}
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('purchase_orders.receive_help')}
          </Typography>
          <Table size="small" data-testid="receive-lines">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.purchase-orders.fields.name')}</TableCell>
                <TableCell align="right">{translate('purchase_orders.outstanding')}</TableCell>
                <TableCell align="right">{translate('purchase_orders.received')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {receivableLines(order).map((line) => {
                const productId = line.product_id as number;
                const error = check.errors[productId];
                return (
                  <TableRow key={line.id}>
                    <TableCell>{line.name}</TableCell>
                    <TableCell align="right">{outstanding(line)}</TableCell>
                    <TableCell align="right">
                      <TextField
                        type="number"
                        size="small"
                        value={form[productId] ?? ''}
                        onChange={(e) => setForm({ ...form, [productId]: e.target.value })}
                        error={error !== undefined}
                        helperText={
                          error ? translate('purchase_orders.quantity_range', { max: error.max }) : undefined
                        }
                        slotProps={{
                          htmlInput: {
                            min: 0,
                            max: outstanding(line),
                            step: 1,
                            inputMode: 'numeric',
                            name: `receive-${String(productId)}`,
                            'aria-label': line.name,
                          },
                        }}
                        sx={{ width: 120 }}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {check.nothing && (
            <Typography color="error" variant="body2" sx={{ mt: 1 }} role="alert">
              {translate('purchase_orders.nothing')}
            </Typography>
          )}
          <TextField
            fullWidth
            multiline
            name="delivery-notes"
            label={translate('purchase_orders.delivery_notes')}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 500 } }}
            sx={{ mt: 2 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={!canSend(check) || sending} onClick={send}>
            {translate('purchase_orders.receive_save')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function CancelButton({ order }: { order: PurchaseOrder }) {
  const translate = useTranslate();
  const showError = useApiError();
  const done = useDone();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const send = () => {
    setSending(true);
    api<PurchaseOrder>(`/api/purchase-orders/${String(order.id)}/cancel`, {
      method: 'POST',
      body: { reason: reason.trim() },
    })
      .then((updated) => {
        setOpen(false);
        done('purchase_orders.cancelled', { reference: updated.reference });
      })
      .catch(showError)
      .finally(() => setSending(false));
  };
  return (
    <>
      <Button color="error" onClick={() => setOpen(true)}>
        {translate('purchase_orders.cancel')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>
          {translate('purchase_orders.cancel')} · {order.reference}
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('purchase_orders.cancel_help')}
          </Typography>
          <TextField
            autoFocus
            fullWidth
            multiline
            required
            name="cancel-reason"
            label={translate('purchase_orders.cancel_reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('purchase_orders.keep')}</Button>
          <Button
            variant="contained"
            color="error"
            disabled={reason.trim().length < 3 || sending}
            onClick={send}
          >
            {translate('purchase_orders.cancel')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function PdfButton({ order }: { order: PurchaseOrder }) {
  const translate = useTranslate();
  const showError = useApiError();
  const download = () => {
    apiBlob(`/api/purchase-orders/${String(order.id)}/pdf`)
      .then((blob) => {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = `${order.reference}.pdf`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      })
      .catch(showError);
  };
  return <Button onClick={download}>{translate('purchase_orders.pdf')}</Button>;
}

function OrderActions() {
  const order = useOrder();
  if (!order) return null;
  const actions = orderActions(order, (action) => can('purchase-orders', action));
  return (
    <TopToolbar>
      {actions.receive && <ReceiveButton order={order} />}
      {actions.cancel && <CancelButton order={order} />}
      {actions.pdf && <PdfButton order={order} />}
    </TopToolbar>
  );
}

function OrderDetail() {
  const order = useOrder();
  const translate = useTranslate();
  const locale = useLocale();
  if (!order) return null;
  // Cost prices are the Owner's (the right that creates products); the server sends them to no one else.
  const costs = can('products', 'create');
  // A received or cancelled order waits for nothing more.
  const open = isOpen(order.status);
  const f = (name: string) => translate(`resources.purchase-orders.fields.${name}`);
  const dates = [
    ['created_at', order.created_at],
    ['received_at', order.received_at],
    ['cancelled_at', order.cancelled_at],
  ].filter((entry): entry is [string, string] => entry[1] !== null);
  return (
    <Card>
      <CardContent>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h4" component="h2">
            {order.reference}
          </Typography>
          <Box data-testid="po-status">
            <StatusChip status={order.status} />
          </Box>
        </Box>
        {order.supplier && (
          <Typography>
            {f('supplier')}: {order.supplier}
          </Typography>
        )}
        {dates.map(([key, value]) => (
          <Typography key={key} color="text.secondary">
            {f(key)}: {formatDateTime(value, locale)}
          </Typography>
        ))}
        {order.notes && (
          <Typography sx={{ whiteSpace: 'pre-wrap', mt: 1 }} data-testid="po-notes">
            {order.notes}
          </Typography>
        )}
        {/* The table scrolls inside the card rather than widening the page (a phone would zoom out). */}
        <Box sx={{ overflowX: 'auto', mt: 2, contain: 'inline-size' }}>
          <Table size="small" data-testid="po-lines" sx={{ '& th, & td': { px: { xs: 1, sm: 2 } } }}>
            <TableHead>
              <TableRow>
                <TableCell>{f('name')}</TableCell>
                <TableCell align="right">{translate('purchase_orders.ordered')}</TableCell>
                <TableCell align="right">{translate('purchase_orders.received')}</TableCell>
                <TableCell align="right">{translate('purchase_orders.outstanding')}</TableCell>
                {costs && <TableCell align="right">{f('unit_cost')}</TableCell>}
                {costs && <TableCell align="right">{f('line_total')}</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {order.lines.map((line) => (
                <TableRow key={line.id} data-product-id={line.product_id ?? ''}>
                  <TableCell>
                    {line.name}
                    {line.sku ? (
                      <Typography variant="caption" color="text.secondary">{` · ${line.sku}`}</Typography>
                    ) : null}
                  </TableCell>
                  <TableCell align="right">{line.quantity}</TableCell>
                  <TableCell align="right">{line.received_quantity}</TableCell>
                  <TableCell align="right">{open ? outstanding(line) : '—'}</TableCell>
                  {costs && <TableCell align="right">{formatMoney(line.unit_cost)}</TableCell>}
                  {costs && <TableCell align="right">{formatMoney(line.total)}</TableCell>}
                </TableRow>
              ))}
              {costs && (
                <TableRow>
                  <TableCell colSpan={5}>
                    <strong>{f('total')}</strong>
                  </TableCell>
                  <TableCell align="right">
                    <strong>{formatMoney(order.total)}</strong>
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </Box>
      </CardContent>
    </Card>
  );
}

export default function PurchaseOrderShow() {
  return (
    <Show actions={<OrderActions />} component="div">
      <OrderDetail />
    </Show>
  );
}
