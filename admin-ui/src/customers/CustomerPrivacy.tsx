// A customer's personal data: the export of everything the shop holds about them (JSON and PDF, for
// whoever may export it: the server checks customers, exports and the audit trail, Owners today), and
// erasure (Owners): their details are removed, while their sales, repairs, closures and amounts stay
// for the books. Erasure asks a reason and the customer's current name or phone, typed again.
import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { api, apiBlob, ApiError, isSessionWide } from '../api/client.ts';
import { can } from '../access/session.ts';
import { describeError, useApiError } from '../api/useApiError.ts';
import { saveBlob, saveText } from '../common/download.ts';

interface Customer {
  id: number;
  name: string;
  phone: string | null;
  erased_at?: string | null;
}

export function ExportDataButtons() {
  const customer = useRecordContext<Customer>();
  const translate = useTranslate();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  if (!customer || !can('customers', 'export_data')) return null;
  const path = `/api/customers/${String(customer.id)}/data-export`;
  const base = `customer-${String(customer.id)}-data`;
  const run = (work: Promise<void>) => {
    setBusy(true);
    work.catch(showError).finally(() => setBusy(false));
  };
  return (
    <>
      <Button
        startIcon={<DownloadIcon />}
        disabled={busy}
        onClick={() =>
          run(
            api<unknown>(path, { query: { format: 'json' } }).then((data) =>
              saveText(JSON.stringify(data, null, 2), `${base}.json`, 'application/json'),
            ),
          )
        }
      >
        {translate('customers.privacy.export_json')}
      </Button>
      <Button
        startIcon={<DownloadIcon />}
        disabled={busy}
        onClick={() => run(apiBlob(path, { format: 'pdf' }).then((blob) => saveBlob(blob, `${base}.pdf`)))}
      >
        {translate('customers.privacy.export_pdf')}
      </Button>
    </>
  );
}

export function EraseCustomerButton() {
  const customer = useRecordContext<Customer>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (!customer || customer.erased_at || !can('customers', 'erase')) return null;
  const close = () => {
    setOpen(false);
    setReason('');
    setConfirm('');
    setProblems({});
  };
  const erase = () => {
    setBusy(true);
    setProblems({});
    api(`/api/customers/${String(customer.id)}/erase`, {
      method: 'POST',
      body: { reason: reason.trim(), confirm: confirm.trim() },
    })
      .then(() => {
        close();
        notify('customers.privacy.erased', { type: 'success' });
        refresh();
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && isSessionWide(error)) return;
        const field =
          error instanceof ApiError && (error.field === 'reason' || error.field === 'confirm')
            ? error.field
            : 'form';
        setProblems({ [field]: describeError(error, translate) });
      })
      .finally(() => setBusy(false));
  };
  return (
    <>
      <Button color="error" startIcon={<DeleteForeverIcon />} onClick={() => setOpen(true)}>
        {translate('customers.privacy.erase')}
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>{translate('customers.privacy.erase_title', { name: customer.name })}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
            <Typography>{translate('customers.privacy.erase_removes')}</Typography>
            <Typography>{translate('customers.privacy.erase_keeps')}</Typography>
            <Alert severity="warning">{translate('customers.privacy.erase_final')}</Alert>
            {problems['form'] && <Alert severity="error">{problems['form']}</Alert>}
            <TextField
              name="reason"
              label={translate('customers.privacy.reason')}
              helperText={problems['reason'] ?? translate('customers.privacy.reason_help')}
              error={Boolean(problems['reason'])}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              multiline
            />
            <TextField
              name="confirm"
              label={translate('customers.privacy.confirm')}
              helperText={problems['confirm'] ?? translate('customers.privacy.confirm_help')}
              error={Boolean(problems['confirm'])}
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              autoComplete="off"
            />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('ra.action.cancel')}</Button>
          <Button
            color="error"
            variant="contained"
            disabled={busy || reason.trim().length < 3 || confirm.trim() === ''}
            onClick={erase}
          >
            {translate('customers.privacy.erase')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** The line an erased customer's page opens with. */
export function ErasedNotice() {
  const customer = useRecordContext<Customer>();
  const translate = useTranslate();
  if (!customer?.erased_at) return null;
  return (
    <Alert severity="info" sx={{ mb: 1 }} data-testid="customer-erased">
      {translate('customers.privacy.erased_notice')}
    </Alert>
  );
}
