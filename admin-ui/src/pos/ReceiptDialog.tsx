// After the sale: its number, the change to give back, and the receipt: the 80 mm PDF printed from
// the browser, the PDF downloaded, or the ESC/POS bytes for a thermal printer. A sale kept on the
// phone (no connection) has no number or receipt yet: the dialog says it will be sent.
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import { Box, Button, Dialog, DialogActions, DialogContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { apiBlob } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import { formatMoney } from '../format/format.ts';
import type { RecordedSale } from './types.ts';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function printReceipt(saleId: number): Promise<void> {
  const blob = await apiBlob(`/api/sales/receipt/${String(saleId)}`, { format: 'thermal' });
  const url = URL.createObjectURL(blob);
  const frame = document.createElement('iframe');
  frame.style.display = 'none';
  frame.src = url;
  frame.onload = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
  };
  document.body.appendChild(frame);
  setTimeout(() => {
    frame.remove();
    URL.revokeObjectURL(url);
  }, 60_000);
}

type ReceiptDialogProps = (
  | { sale: RecordedSale; queued?: undefined }
  | { sale?: undefined; queued: { total: number; currency: string } }
) & { change: number; onClose: () => void };

export default function ReceiptDialog({ sale, queued, change, onClose }: ReceiptDialogProps) {
  const translate = useTranslate();
  const showError = useApiError();
  const download = (recorded: RecordedSale, format: 'thermal' | 'a4' | 'escpos') => {
    apiBlob(`/api/sales/receipt/${String(recorded.id)}`, { format })
      .then((blob) =>
        save(blob, `receipt-${recorded.sale_number}${format === 'escpos' ? '.bin' : `-${format}.pdf`}`),
      )
      .catch(showError);
  };
  const currency = sale?.currency ?? queued?.currency;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" data-testid="receipt-dialog">
      <DialogContent sx={{ textAlign: 'center' }}>
        {sale ? (
          <CheckCircleIcon color="success" sx={{ fontSize: 56 }} />
        ) : (
          <CloudOffIcon color="warning" sx={{ fontSize: 56 }} />
        )}
        <Typography variant="h4" component="h2">
          {sale
            ? translate('pos.done_title', { number: sale.sale_number })
            : translate('pos.offline.queued_title')}
        </Typography>
        <Typography variant="h3" sx={{ my: 1 }}>
          {formatMoney(sale ? sale.final_amount : queued.total, currency)}
        </Typography>
        {change > 0 && (
          <Typography variant="h5" color="success.main">
            {translate('pos.done_change', { amount: formatMoney(change, currency) })}
          </Typography>
        )}
        {queued && (
          <Typography color="text.secondary" sx={{ mt: 1 }} data-testid="queued-note">
            {translate('pos.offline.queued_note')}
          </Typography>
        )}
        {sale && (
          <Stack spacing={1} sx={{ mt: 2 }}>
            <Button
              variant="contained"
              size="large"
              onClick={() => void printReceipt(sale.id).catch(showError)}
            >
              {translate('pos.receipt_print')}
            </Button>
            <Button variant="outlined" size="large" onClick={() => download(sale, 'thermal')}>
              {translate('pos.receipt_pdf')}
            </Button>
            <Box sx={{ display: 'flex', gap: 1 }}>
              <Button sx={{ flex: 1 }} onClick={() => download(sale, 'a4')}>
                {translate('app.action.a4')}
              </Button>
              <Button sx={{ flex: 1 }} onClick={() => download(sale, 'escpos')}>
                ESC/POS
              </Button>
            </Box>
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button variant="contained" color="success" size="large" fullWidth onClick={onClose} autoFocus>
          {translate('pos.new_sale')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
