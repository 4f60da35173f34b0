// The moves the signed-in role may make from a repair's status, from the backend's transition
// table; delivery asks for the final cost and how it was paid (it reaches the day's closure).
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { identity } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { movesFrom, PAYMENT_METHODS, type RepairStatus } from './workflow.ts';

export interface RepairSummary {
  id: number;
  status: RepairStatus;
  repair_number: string;
  estimated_cost: number | null;
  actual_cost: number | null;
}

export function MoveButtons({
  repair,
  onMoved,
  size = 'medium',
}: {
  repair: RepairSummary;
  onMoved: () => void;
  size?: 'small' | 'medium';
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const role = identity()?.role;
  const [target, setTarget] = useState<RepairStatus | null>(null);
  const [notes, setNotes] = useState('');
  const [cost, setCost] = useState('');
  const [method, setMethod] = useState<string>('Cash');
  if (!role) return null;
  const moves = movesFrom(repair.status, role);
  if (moves.length === 0)
    return (
      <Typography variant="caption" color="text.secondary">
        {translate('repairs.no_moves')}
      </Typography>
    );

  const send = (status: RepairStatus) => {
    const body: Record<string, unknown> = { status };
    if (notes.trim()) body['notes'] = notes.trim();
    if (status === 'Delivered' || status === 'Completed') {
      const amount = Number(cost || repair.actual_cost || repair.estimated_cost || 0);
      body['actual_cost'] = amount;
      if (status === 'Delivered' && amount > 0) body['payments'] = [{ method, amount }];
    }
    api(`/api/repairs/${String(repair.id)}/status`, { method: 'POST', body })
      .then(() => {
        notify(translate('app.notify.moved', { status: translate(`app.status.${status}`) }), {
          type: 'success',
        });
        setTarget(null);
        setNotes('');
        onMoved();
      })
      .catch(showError);
  };

  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
      {moves.map((status) => (
        <Button
          key={status}
          size={size}
          variant={status === 'Cancelled' ? 'text' : 'outlined'}
          color={status === 'Cancelled' ? 'error' : 'primary'}
          data-testid={`move-${status}`}
          onClick={() => setTarget(status)}
        >
          {translate(`app.status.${status}`)}
        </Button>
      ))}
      <Dialog open={target !== null} onClose={() => setTarget(null)} fullWidth maxWidth="xs">
        <DialogTitle>
          {repair.repair_number}: {translate('repairs.move_to')}{' '}
          {target ? translate(`app.status.${target}`) : ''}
        </DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
            {(target === 'Completed' || target === 'Delivered') && (
              <TextField
                type="number"
                name="actual_cost"
                label={translate('repairs.final_cost')}
                value={cost || String(repair.actual_cost ?? repair.estimated_cost ?? '')}
                onChange={(e) => setCost(e.target.value)}
              />
            )}
            {target === 'Delivered' && (
              <TextField
                select
                label={translate('repairs.deliver_payments')}
                value={method}
                onChange={(e) => setMethod(e.target.value)}
              >
                {PAYMENT_METHODS.map((m) => (
                  <MenuItem key={m} value={m}>
                    {translate(`app.method.${m}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
            <TextField
              label={translate('resources.repairs.fields.notes')}
              multiline
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setTarget(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" data-testid="confirm-move" onClick={() => target && send(target)}>
            {translate('ra.action.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
