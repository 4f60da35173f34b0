// Devices from a CSV file (POST /api/devices/import, Owners and Supervisors: devices.create and
// devices.update): the file is sent as it is and every row's result is shown, the errors first,
// with the column and the reason.
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { can } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { FileDrop } from '../common/FileDrop.tsx';

interface ImportRow {
  row: number;
  status: 'created' | 'skipped' | 'error';
  imei_serial?: string;
  id?: number;
  field?: string;
  message?: string;
}

interface ImportResult {
  summary: { rows: number; created: number; skipped: number; error: number };
  rows: ImportRow[];
}

const COLOR = { created: 'success', skipped: 'default', error: 'error' } as const;
const ORDER = { error: 0, skipped: 1, created: 2 } as const;

export function DeviceImportButton() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  if (!can('devices', 'create') || !can('devices', 'update')) return null;
  const send = (file: File) => {
    setBusy(true);
    setResult(null);
    api<ImportResult>('/api/devices/import', {
      method: 'POST',
      raw: { body: file, type: 'text/csv' },
    })
      .then((answer) => {
        setResult(answer);
        refresh();
      })
      .catch(showError)
      .finally(() => setBusy(false));
  };
  const rows = [...(result?.rows ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.row - b.row);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{translate('devices.import')}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="md" data-testid="device-import">
        <DialogTitle>{translate('devices.import')}</DialogTitle>
        <DialogContent sx={{ display: 'grid', gap: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {translate('devices.import_help')}
          </Typography>
          <FileDrop accept=".csv,text/csv" label={translate('devices.import_drop')} onFile={send} />
          {busy && <Alert severity="info">{translate('devices.importing')}</Alert>}
          {result && (
            <>
              <Alert severity={result.summary.error > 0 ? 'warning' : 'success'} data-testid="import-summary">
                {translate('devices.import_summary', result.summary)}
              </Alert>
              <Box sx={{ overflowX: 'auto', maxHeight: 360 }}>
                <Table size="small" stickyHeader>
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('devices.row')}</TableCell>
                      <TableCell>{translate('resources.devices.fields.status')}</TableCell>
                      <TableCell>{translate('resources.devices.fields.imei_serial')}</TableCell>
                      <TableCell>{translate('devices.reason')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {rows.map((r) => (
                      <TableRow key={r.row} data-testid="import-row">
                        <TableCell>{r.row}</TableCell>
                        <TableCell>
                          <Chip
                            size="small"
                            color={COLOR[r.status]}
                            label={translate(`devices.result_${r.status}`)}
                          />
                        </TableCell>
                        <TableCell>{r.imei_serial ?? ''}</TableCell>
                        <TableCell>
                          {r.message ? `${r.field ? `${r.field}: ` : ''}${r.message}` : ''}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.close')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
