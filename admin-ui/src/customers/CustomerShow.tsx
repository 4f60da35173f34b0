// A customer with lifetime value and purchases (GET /api/customers/:id/purchases), the devices they
// own, and for Owners and Supervisors (customers.update) a loyalty points adjustment with a reason;
// their personal data's export and erasure (CustomerPrivacy.tsx).
import {
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List as MuiList,
  ListItem,
  ListItemText,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import {
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
import { StatusChip } from '../common/fields.tsx';
import { MoneyField } from '../common/fields.tsx';
import { formatDateTime, formatMoney } from '../format/format.ts';
import { ErasedNotice, EraseCustomerButton, ExportDataButtons } from './CustomerPrivacy.tsx';

interface Purchases {
  lifetime_value: number;
  purchase_count: number;
  sales: { id: number; sale_number: string; final_amount: number; created_at: string; status: string }[];
}

function PurchaseHistory() {
  const record = useRecordContext();
  const translate = useTranslate();
  const [data, setData] = useState<Purchases | null>(null);
  useEffect(() => {
    if (!record) return;
    api<Purchases>(`/api/customers/${String(record.id)}/purchases`)
      .then(setData)
      .catch(() => undefined);
  }, [record]);
  if (!data) return null;
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6">
          {translate('resources.sales.name', { smart_count: 2 })} · {formatMoney(data.lifetime_value)}
        </Typography>
        <MuiList dense>
          {data.sales.map((s) => (
            <ListItem key={s.id}>
              <ListItemText
                primary={`${s.sale_number} · ${formatMoney(s.final_amount)}`}
                secondary={formatDateTime(s.created_at)}
              />
            </ListItem>
          ))}
        </MuiList>
      </CardContent>
    </Card>
  );
}

function LoyaltyButton() {
  const customer = useRecordContext<{ id: number; loyalty_points: number }>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  if (!customer || !can('customers', 'update')) return null;
  const value = Number(points);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{translate('customers.adjust_points')}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate('customers.adjust_points')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
            <Typography color="text.secondary">
              {translate('customers.balance', { points: customer.loyalty_points })}
            </Typography>
            <MuiTextField
              type="number"
              name="points"
              label={translate('customers.points')}
              helperText={translate('customers.points_help')}
              value={points}
              onChange={(e) => setPoints(e.target.value)}
            />
            <MuiTextField
              name="reason"
              label={translate('app.action.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            disabled={!Number.isInteger(value) || value === 0 || reason.trim().length < 3}
            onClick={() => {
              api<{ loyalty_points: number }>(`/api/customers/${String(customer.id)}/loyalty`, {
                method: 'POST',
                body: { points: value, reason: reason.trim() },
              })
                .then((answer) => {
                  notify('customers.points_saved', {
                    type: 'success',
                    messageArgs: { points: answer.loyalty_points },
                  });
                  setOpen(false);
                  setPoints('');
                  setReason('');
                  refresh();
                })
                .catch(showError);
            }}
          >
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

interface OwnedDevice {
  id: number;
  brand: string;
  model: string;
  imei_serial: string;
  status: string;
}

function OwnedDevices() {
  const record = useRecordContext();
  const translate = useTranslate();
  const [devices, setDevices] = useState<OwnedDevice[]>([]);
  useEffect(() => {
    if (!record) return;
    api<OwnedDevice[]>(`/api/customers/${String(record.id)}/devices`)
      .then(setDevices)
      .catch(() => undefined);
  }, [record]);
  if (devices.length === 0) return null;
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6">{translate('resources.devices.name', { smart_count: 2 })}</Typography>
        <MuiList dense>
          {devices.map((d) => (
            <ListItem key={d.id} secondaryAction={<StatusChip status={d.status} />}>
              <ListItemText primary={`${d.brand} ${d.model}`} secondary={d.imei_serial} />
            </ListItem>
          ))}
        </MuiList>
      </CardContent>
    </Card>
  );
}

export default function CustomerShow() {
  return (
    <Show
      actions={
        <TopToolbar sx={{ flexWrap: 'wrap' }}>
          <LoyaltyButton />
          <ExportDataButtons />
          <EraseCustomerButton />
          <EditButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <ErasedNotice />
        <TextField source="name" />
        <TextField source="phone" />
        <TextField source="email" emptyText="—" />
        <TextField source="address" emptyText="—" />
        <NumberField source="loyalty_points" />
        <MoneyField source="total_purchases" />
        <TextField source="notes" emptyText="—" />
      </SimpleShowLayout>
      <OwnedDevices />
      <PurchaseHistory />
    </Show>
  );
}
