// A product, and for Owners and Supervisors (the "adjust stock" right) a stock adjustment with a
// reason, written to the stock ledger by the server.
import { Box, Button, Dialog, DialogActions, DialogContent, TextField as MuiTextField } from '@mui/material';
import { useState } from 'react';
import {
  BooleanField,
  EditButton,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { api } from '../api/client.ts';
import { can } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { MoneyField } from '../common/fields.tsx';

function AdjustStockButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  if (!record || !can('products', 'adjust_stock')) return null;
  const save = () => {
    api<{ stock_quantity: number }>(`/api/products/${String(record.id)}/adjust`, {
      method: 'POST',
      body: { quantity: Number(quantity), reason },
    })
      .then((p) => {
        notify(translate('app.notify.stock_adjusted', { quantity: p.stock_quantity }), { type: 'success' });
        setOpen(false);
        refresh();
      })
      .catch(showError);
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{translate('app.action.adjust_stock')}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
            <MuiTextField
              type="number"
              label={translate('resources.products.fields.quantity')}
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
            />
            <MuiTextField
              label={translate('resources.products.fields.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={!Number(quantity) || reason.trim().length < 3} onClick={save}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

export default function ProductShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <AdjustStockButton />
          <EditButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="category" emptyText="—" />
        <TextField source="sku" emptyText="—" />
        <TextField source="barcode" emptyText="—" />
        <MoneyField source="selling_price" />
        {can('products', 'create') && <MoneyField source="cost_price" />}
        <NumberField source="stock_quantity" />
        <NumberField source="min_stock_level" />
        <BooleanField source="is_active" />
        <TextField source="description" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
