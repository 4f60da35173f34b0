// What a Supervisor or an Owner does to a repair besides moving it: assign the technician (the
// matrix's repairs.assign), take parts from stock (repairs.update: the server moves the stock and adds
// the cost), and message the customer (repairs.update: queued for the SMS/e-mail automation).
import {
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { api, apiEnvelope } from '../api/client.ts';
import { can } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { formatDateTime } from '../format/format.ts';
import { searchProducts } from '../pos/catalogue.ts';
import type { LookupProduct } from '../pos/types.ts';

interface Repair {
  id: number;
  repair_number: string;
  technician_id: string | null;
  status: string;
}

interface StaffRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  role: string;
  status: string;
}

interface PartMovement {
  id: number;
  quantity: number;
  created_at: string;
  product_id: { name: string } | null;
}

const fullName = (s: StaffRow): string => `${s.first_name ?? ''} ${s.last_name ?? ''}`.trim();

function AssignTechnician({ repair, onDone }: { repair: Repair; onDone: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [staff, setStaff] = useState<StaffRow[]>([]);
  const [chosen, setChosen] = useState(repair.technician_id ?? '');
  useEffect(() => {
    api<StaffRow[]>('/api/staff')
      .then((rows) => setStaff(rows.filter((s) => s.status === 'active')))
      .catch(() => undefined);
  }, []);
  const current = staff.find((s) => s.id === repair.technician_id);
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
      <TextField
        select
        size="small"
        label={translate('repairs.technician')}
        value={staff.some((s) => s.id === chosen) ? chosen : ''}
        onChange={(e) => setChosen(e.target.value)}
        sx={{ minWidth: 220 }}
        slotProps={{ htmlInput: { 'data-testid': 'technician' } }}
        helperText={current ? undefined : translate('repairs.unassigned')}
      >
        {staff.map((s) => (
          <MenuItem key={s.id} value={s.id}>
            {fullName(s)} · {translate(`app.role.${s.role}`)}
          </MenuItem>
        ))}
      </TextField>
      <Button
        variant="outlined"
        disabled={!chosen || chosen === repair.technician_id}
        onClick={() => {
          api(`/api/repairs/${String(repair.id)}/assign`, { method: 'POST', body: { technician_id: chosen } })
            .then(() => {
              notify('repairs.assigned', { type: 'success' });
              onDone();
            })
            .catch(showError);
        }}
      >
        {translate('repairs.assign')}
      </Button>
    </Box>
  );
}

function PartsUsed({ repair, onDone }: { repair: Repair; onDone: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [parts, setParts] = useState<PartMovement[]>([]);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [found, setFound] = useState<LookupProduct[]>([]);
  const [product, setProduct] = useState<LookupProduct | null>(null);
  const [quantity, setQuantity] = useState('1');
  const load = () => {
    // The stock ledger's repair_part movements of this repair (Owners and Supervisors read it).
    apiEnvelope<PartMovement[]>('/items/stock_movements', {
      query: {
        fields: 'id,quantity,created_at,product_id.name',
        filter: JSON.stringify({
          reference_type: { _eq: 'repair' },
          reference_id: { _eq: repair.id },
          movement_type: { _eq: 'repair_part' },
        }),
        sort: 'created_at',
      },
    })
      .then((answer) => setParts(answer.data))
      .catch(() => undefined);
  };
  useEffect(load, [repair.id]);
  useEffect(() => {
    if (text.trim().length < 2) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchProducts(text, controller.signal)
        .then((r) => setFound(r.products))
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);
  const add = () => {
    if (!product) return;
    api(`/api/repairs/${String(repair.id)}/parts`, {
      method: 'POST',
      body: { product_id: product.id, quantity: Number(quantity) },
    })
      .then(() => {
        notify('repairs.part_added', { type: 'success', messageArgs: { name: product.name } });
        setOpen(false);
        setProduct(null);
        setText('');
        load();
        onDone();
      })
      .catch(showError);
  };
  return (
    <Box>
      <Typography variant="subtitle2">{translate('repairs.parts')}</Typography>
      {parts.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('repairs.no_parts')}
        </Typography>
      ) : (
        <List dense data-testid="repair-parts">
          {parts.map((p) => (
            <ListItem key={p.id} disableGutters>
              <ListItemText
                primary={`${String(-p.quantity)} × ${p.product_id?.name ?? ''}`}
                secondary={formatDateTime(p.created_at)}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Button variant="outlined" onClick={() => setOpen(true)}>
        {translate('repairs.add_part')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate('repairs.add_part')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
            <TextField
              label={translate('pos.search')}
              value={product ? product.name : text}
              onChange={(e) => {
                setProduct(null);
                setText(e.target.value);
              }}
              name="part-search"
            />
            {!product && found.length > 0 && (
              <List dense>
                {found.map((p) => (
                  <ListItemButton key={p.id} onClick={() => setProduct(p)} disabled={p.stock_quantity <= 0}>
                    <ListItemText
                      primary={p.name}
                      secondary={translate('pos.in_stock', { count: p.stock_quantity })}
                    />
                  </ListItemButton>
                ))}
              </List>
            )}
            <TextField
              type="number"
              name="part-quantity"
              label={translate('pos.quantity')}
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
              slotProps={{ htmlInput: { min: 1, inputMode: 'numeric' } }}
            />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={!product || !(Number(quantity) >= 1)} onClick={add}>
            {translate('repairs.add_part')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

function NotifyCustomer({ repair }: { repair: Repair }) {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)}>
        {translate('repairs.notify')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate('repairs.notify')}</DialogTitle>
        <DialogContent>
          <TextField
            fullWidth
            multiline
            minRows={3}
            name="notify-message"
            label={translate('repairs.notify_message')}
            helperText={translate('repairs.notify_help')}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            onClick={() => {
              api(`/api/repairs/${String(repair.id)}/notify-customer`, {
                method: 'POST',
                body: message.trim() ? { message: message.trim() } : {},
              })
                .then(() => {
                  notify('repairs.notified', { type: 'success' });
                  setOpen(false);
                  setMessage('');
                })
                .catch(showError);
            }}
          >
            {translate('repairs.notify_send')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

export function RepairActions() {
  const repair = useRecordContext<Repair>();
  const refresh = useRefresh();
  const translate = useTranslate();
  const assign = can('repairs', 'assign');
  const update = can('repairs', 'update');
  if (!repair || (!assign && !update)) return null;
  return (
    <Card sx={{ mt: 2 }} data-testid="repair-actions">
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Typography variant="h6">{translate('repairs.work')}</Typography>
        {assign && <AssignTechnician repair={repair} onDone={refresh} />}
        {update && <PartsUsed repair={repair} onDone={refresh} />}
        {update && (
          <Box>
            <NotifyCustomer repair={repair} />
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
