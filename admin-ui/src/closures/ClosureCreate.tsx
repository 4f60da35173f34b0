// Closing the day: the server's expected amounts per method for the chosen day (GET
// /api/closures/preview), the counted amounts typed beside them with the variance live, then
// POST /api/closures. Total, expected and variance are the server's; only the count is sent.
import { Alert, Box, Button, Card, CardContent, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useNotify, useRedirect, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import { shopToday } from '../format/format.ts';
import { ClosureFigures, ZERO_COUNT, type Counted } from './ClosureFigures.tsx';

interface Preview {
  methods: { method: string; expected: number }[];
  closure: { id: number; status: string } | null;
}

export default function ClosureCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const showError = useApiError();
  const [date, setDate] = useState(shopToday());
  const [preview, setPreview] = useState<Preview | null>(null);
  const [counted, setCounted] = useState<Counted>(ZERO_COUNT);
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPreview(null);
    api<Preview>('/api/closures/preview', { query: { date } }).then(setPreview).catch(showError);
  }, [date, showError]);

  const expected = Object.fromEntries((preview?.methods ?? []).map((m) => [m.method, m.expected]));
  const submit = () => {
    setBusy(true);
    api<{ id: number }>('/api/closures', {
      method: 'POST',
      body: { closure_date: date, ...counted, ...(notes.trim() ? { notes: notes.trim() } : {}) },
    })
      .then((closure) => {
        notify('ra.notification.created', { type: 'success', messageArgs: { smart_count: 1 } });
        redirect('show', 'closures', closure.id);
      })
      .catch(showError)
      .finally(() => setBusy(false));
  };

  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('closures.new')} />
      <Card>
        <CardContent>
          <TextField
            type="date"
            name="closure_date"
            label={translate('closures.date')}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: shopToday() } }}
            sx={{ mb: 2 }}
          />
          {preview?.closure && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate('closures.exists')} ({translate(`app.status.${preview.closure.status}`)})
            </Alert>
          )}
          <Box sx={{ overflowX: 'auto' }}>
            <ClosureFigures
              expected={expected}
              counted={counted}
              onCount={(field, value) => setCounted((c) => ({ ...c, [field]: value }))}
            />
          </Box>
          <TextField
            fullWidth
            multiline
            label={translate('resources.closures.fields.notes')}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            sx={{ mt: 2 }}
          />
          <Button
            variant="contained"
            size="large"
            fullWidth
            sx={{ mt: 2 }}
            disabled={busy || !preview || preview.closure !== null}
            onClick={submit}
            data-testid="submit-closure"
          >
            {translate('closures.new')}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}
