// A repair: its details, the moves the role may make, and the status history as a timeline.
import { Box, Card, CardContent, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  EditButton,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { api } from '../api/client.ts';
import { DateTimeField, MoneyField, StatusChip, StatusField } from '../common/fields.tsx';
import { formatDateTime } from '../format/format.ts';
import { MoveButtons, type RepairSummary } from './MoveButtons.tsx';
import { RepairActions } from './RepairActions.tsx';

interface HistoryRow {
  id: number;
  old_status: string | null;
  new_status: string;
  notes: string | null;
  changed_by_name: string | null;
  changed_at: string;
}

function Moves() {
  const repair = useRecordContext<RepairSummary & { id: number }>();
  const refresh = useRefresh();
  if (!repair) return null;
  return <MoveButtons repair={repair} onMoved={refresh} />;
}

function Timeline() {
  const repair = useRecordContext<RepairSummary & { id: number; updated_at?: string }>();
  const translate = useTranslate();
  const [rows, setRows] = useState<HistoryRow[]>([]);
  useEffect(() => {
    if (!repair) return;
    api<HistoryRow[]>(`/api/repairs/${String(repair.id)}/history`)
      .then(setRows)
      .catch(() => undefined);
  }, [repair]);
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6">{translate('repairs.history')}</Typography>
        <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="repair-history">
          {rows.map((row) => (
            <Box
              component="li"
              key={row.id}
              sx={{ borderLeft: 3, borderColor: 'primary.light', pl: 2, py: 1, ml: 1 }}
            >
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                {row.old_status && <StatusChip status={row.old_status} />}
                {row.old_status && '→'}
                <StatusChip status={row.new_status} />
              </Box>
              <Typography variant="caption" color="text.secondary">
                {formatDateTime(row.changed_at)} · {row.changed_by_name ?? ''}
              </Typography>
              {row.notes && <Typography variant="body2">{row.notes}</Typography>}
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}

export default function RepairShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <EditButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="repair_number" />
        <StatusField source="status" />
        <Moves />
        <TextField source="device_brand" />
        <TextField source="device_model" />
        <TextField source="imei_serial" />
        <TextField source="issue_description" />
        <TextField source="repair_type" />
        <MoneyField source="estimated_cost" />
        <MoneyField source="actual_cost" />
        <MoneyField source="parts_cost" />
        <DateTimeField source="created_at" />
        <DateTimeField source="warranty_expires_at" dateOnly />
        <TextField source="notes" emptyText="—" />
      </SimpleShowLayout>
      <RepairActions />
      <Timeline />
    </Show>
  );
}
