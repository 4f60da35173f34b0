// A closure's figures and the workflow the role may act on: a Supervisor reviews, an Owner approves,
// rejects (with a reason) or locks.
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { Show, TopToolbar, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { can } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { StatusChip } from '../common/fields.tsx';
import { formatDate } from '../format/format.ts';
import { ClosureFigures, ZERO_COUNT, type Counted } from './ClosureFigures.tsx';

type Closure = Counted & {
  id: number;
  closure_date: string;
  status: string;
  notes: string | null;
  methods?: { method: string; expected: number }[];
} & Record<string, unknown>;

function Actions() {
  const closure = useRecordContext<Closure>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const showError = useApiError();
  if (!closure) return null;
  const act = (action: string, body: unknown = {}) => {
    api(`/api/closures/${String(closure.id)}/${action}`, { method: 'POST', body })
      .then(() => {
        notify('app.notify.done', { type: 'success' });
        refresh();
      })
      .catch(showError);
  };
  const open = ['Submitted', 'Reviewed'].includes(closure.status);
  return (
    <TopToolbar>
      {can('closures', 'review') && closure.status === 'Submitted' && (
        <Button onClick={() => act('review')}>{translate('app.action.review')}</Button>
      )}
      {can('closures', 'approve') && open && (
        <Button variant="contained" data-testid="approve-closure" onClick={() => act('approve')}>
          {translate('app.action.approve')}
        </Button>
      )}
      {can('closures', 'approve') && open && (
        <Button
          color="error"
          onClick={() => {
            const reason = window.prompt(translate('app.action.reason'));
            if (reason && reason.trim().length >= 3) act('reject', { reason: reason.trim() });
          }}
        >
          {translate('app.action.reject')}
        </Button>
      )}
      {can('closures', 'approve') && closure.status === 'Approved' && (
        <Button onClick={() => act('lock')}>{translate('app.action.lock')}</Button>
      )}
    </TopToolbar>
  );
}

function Detail() {
  const closure = useRecordContext<Closure>();
  if (!closure) return null;
  const counted = Object.fromEntries(
    Object.keys(ZERO_COUNT).map((k) => [k, Number(closure[k] ?? 0)]),
  ) as Counted;
  const expected = Object.fromEntries((closure.methods ?? []).map((m) => [m.method, m.expected]));
  return (
    <Card>
      <CardContent>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', mb: 1 }}>
          <Typography variant="h4" component="h2">
            {formatDate(closure.closure_date)}
          </Typography>
          <span data-testid="closure-status">
            <StatusChip status={closure.status} />
          </span>
        </Box>
        <Box sx={{ overflowX: 'auto' }}>
          <ClosureFigures expected={expected} counted={counted} />
        </Box>
        {closure.notes && <Typography sx={{ mt: 2 }}>{closure.notes}</Typography>}
      </CardContent>
    </Card>
  );
}

export default function ClosureShow() {
  return (
    <Show actions={<Actions />} component="div">
      <Detail />
    </Show>
  );
}
