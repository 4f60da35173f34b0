// A sale with its lines and payments, the receipt, and the Owner's and Supervisor's actions as the
// matrix allows them (approve, reject, lock, reverse).
import {
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
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
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { api, apiBlob } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import { StatusChip } from '../common/fields.tsx';
import { formatDateTime, formatMoney } from '../format/format.ts';
import { printReceipt } from '../pos/ReceiptDialog.tsx';
import type { RecordedSale } from '../pos/types.ts';

/** From GET /api/sales/:id; while it loads, react-admin may show the list's row (no lines yet). */
type Sale = Omit<RecordedSale, 'items' | 'payments'> & {
  items?: RecordedSale['items'];
  payments?: RecordedSale['payments'];
  status: string;
  created_at: string;
  cashier?: string;
  customer?: { name: string } | null;
  kind: string;
  margin?: number;
};

function ActionButton({
  action,
  needsReason,
  label,
}: {
  action: string;
  needsReason: boolean;
  label: string;
}) {
  const sale = useRecordContext<Sale>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const showError = useApiError();
  const right = action === 'reverse' ? 'delete' : action;
  const { canAccess } = useCanAccess({ resource: 'sales', action: right });
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!sale || !canAccess || sale.kind === 'reversal') return null;
  const run = () => {
    api(`/api/sales/${String(sale.id)}/${action}`, { method: 'POST', body: needsReason ? { reason } : {} })
      .then(() => {
        notify('app.notify.done', { type: 'success' });
        setOpen(false);
        refresh();
      })
      .catch(showError);
  };
  return (
    <>
      <Button onClick={() => (needsReason ? setOpen(true) : run())}>{translate(label)}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            multiline
            label={translate('app.action.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={reason.trim().length < 3} onClick={run}>
            {translate(label)}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function SaleActions() {
  const sale = useRecordContext<Sale>();
  const showError = useApiError();
  const translate = useTranslate();
  if (!sale) return null;
  return (
    <TopToolbar>
      <Button onClick={() => void printReceipt(sale.id).catch(showError)}>
        {translate('app.action.print')}
      </Button>
      <Button
        onClick={() => {
          apiBlob(`/api/sales/receipt/${String(sale.id)}`, { format: 'a4' })
            .then((blob) => window.open(URL.createObjectURL(blob), '_blank'))
            .catch(showError);
        }}
      >
        {translate('app.action.a4')}
      </Button>
      {sale.status === 'Submitted' && (
        <ActionButton action="approve" needsReason={false} label="app.action.approve" />
      )}
      {sale.status === 'Submitted' && <ActionButton action="reject" needsReason label="app.action.reject" />}
      {['Submitted', 'Approved'].includes(sale.status) && (
        <ActionButton action="lock" needsReason={false} label="app.action.lock" />
      )}
      {sale.status !== 'Reversed' && <ActionButton action="reverse" needsReason label="app.action.reverse" />}
    </TopToolbar>
  );
}

function SaleDetail() {
  const sale = useRecordContext<Sale>();
  const translate = useTranslate();
  if (!sale) return null;
  const f = (name: string) => translate(`resources.sales.fields.${name}`);
  return (
    <Card>
      <CardContent>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h4" component="h2">
            {sale.sale_number}
          </Typography>
          <StatusChip status={sale.status} />
        </Box>
        <Typography color="text.secondary">
          {formatDateTime(sale.created_at)} · {sale.cashier ?? ''} ·{' '}
          {sale.customer?.name ?? translate('pos.walk_in')}
        </Typography>
        <Table size="small" sx={{ mt: 2 }}>
          <TableHead>
            <TableRow>
              <TableCell>{f('item_name')}</TableCell>
              <TableCell align="right">{f('quantity')}</TableCell>
              <TableCell align="right">{f('unit_price')}</TableCell>
              <TableCell align="right">{f('discount_amount')}</TableCell>
              <TableCell align="right">{f('total_price')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(sale.items ?? []).map((line) => (
              <TableRow key={line.id}>
                <TableCell>{line.item_name}</TableCell>
                <TableCell align="right">{line.quantity}</TableCell>
                <TableCell align="right">{formatMoney(line.unit_price, sale.currency)}</TableCell>
                <TableCell align="right">{formatMoney(line.discount_amount, sale.currency)}</TableCell>
                <TableCell align="right">{formatMoney(line.total_price, sale.currency)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Box sx={{ mt: 2, ml: 'auto', maxWidth: 320 }}>
          {[
            ['total_amount', sale.total_amount],
            ['discount_amount', sale.discount_amount],
            ['tax_amount', sale.tax_amount],
            ['final_amount', sale.final_amount],
            ...(sale.margin !== undefined ? [['margin', sale.margin] as const] : []),
          ].map(([key, value]) => (
            <Box key={key} sx={{ display: 'flex', justifyContent: 'space-between' }}>
              <Typography>{f(String(key))}</Typography>
              <Typography sx={{ fontWeight: key === 'final_amount' ? 700 : 400 }}>
                {formatMoney(Number(value), sale.currency)}
              </Typography>
            </Box>
          ))}
        </Box>
        <Typography variant="h6" sx={{ mt: 2 }}>
          {f('payments')}
        </Typography>
        {(sale.payments ?? []).map((p, i) => (
          <Typography key={i}>
            {translate(`app.method.${p.method}`, { _: p.method })}: {formatMoney(p.amount, sale.currency)}
            {p.reference ? ` (${p.reference})` : ''}
          </Typography>
        ))}
      </CardContent>
    </Card>
  );
}

export default function SaleShow() {
  return (
    <Show actions={<SaleActions />} component="div">
      <SaleDetail />
    </Show>
  );
}
