// The Owner's view of one staff member (the matrix's staff.update, as the server requires): their
// performance over a period, their activity log (the audit entries, sign-ins included), and a
// password reset that ends their sessions. And the month's commissions of the whole team.
import {
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { MonthHeader } from '../common/MonthHeader.tsx';
import { RangeFields } from '../common/RangeFields.tsx';
import { useApiError } from '../api/useApiError.ts';
import { daysBefore, formatDateTime, formatMoney, shopToday } from '../format/format.ts';

interface Performance {
  sales_count: number;
  sales_value: number;
  repairs_completed: number;
  average_repair_hours: number | null;
}

interface Activity {
  id: number;
  entity_type: string;
  entity_id: string | null;
  action: string;
  ip_address: string | null;
  created_at: string;
}

interface Commission {
  user_id: string;
  name: string;
  sales_amount: number;
  sales_count: number;
  sales_commission: number;
  repairs_amount: number;
  repairs_count: number;
  repairs_commission: number;
  total: number;
}

export function ResetPasswordButton() {
  const user = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  if (!user) return null;
  const strong = password.length >= 10 && /[a-z]/i.test(password) && /\d/.test(password);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{translate('staff.reset_password')}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate('staff.reset_password')}</DialogTitle>
        <DialogContent>
          <TextField
            fullWidth
            type="password"
            name="new-password"
            autoComplete="new-password"
            label={translate('staff.new_password')}
            helperText={translate('staff.password_rule')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            disabled={!strong}
            onClick={() => {
              api(`/api/staff/${user.id}/reset-password`, { method: 'POST', body: { password } })
                .then(() => {
                  notify('staff.password_reset', { type: 'success' });
                  setOpen(false);
                  setPassword('');
                })
                .catch(showError);
            }}
          >
            {translate('staff.reset_password')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

export function StaffInsights() {
  const user = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const showError = useApiError();
  const today = shopToday();
  const [range, setRange] = useState({ from: daysBefore(today, 29), to: today });
  const [performance, setPerformance] = useState<Performance | null>(null);
  const [activity, setActivity] = useState<Activity[]>([]);
  const id = user?.id;
  useEffect(() => {
    if (!id) return;
    api<Performance>(`/api/staff/${id}/performance`, { query: range }).then(setPerformance).catch(showError);
  }, [id, range, showError]);
  useEffect(() => {
    if (!id) return;
    api<Activity[]>(`/api/staff/${id}/activity`, { query: { limit: 50 } })
      .then(setActivity)
      .catch(showError);
  }, [id, showError]);
  if (!user) return null;
  const figures: [string, string][] = performance
    ? [
        ['staff.sales_count', String(performance.sales_count)],
        ['staff.sales_value', formatMoney(performance.sales_value)],
        ['staff.repairs_completed', String(performance.repairs_completed)],
        [
          'staff.average_repair_hours',
          performance.average_repair_hours === null ? '—' : String(performance.average_repair_hours),
        ],
      ]
    : [];
  return (
    <Box sx={{ display: 'grid', gap: 2, mt: 2 }}>
      <Card data-testid="staff-performance">
        <CardContent sx={{ display: 'grid', gap: 2 }}>
          <Typography variant="h6">{translate('staff.performance')}</Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <RangeFields value={range} onChange={setRange} />
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 2 }}>
            {figures.map(([label, value]) => (
              <Box key={label}>
                <Typography variant="caption" color="text.secondary">
                  {translate(label)}
                </Typography>
                <Typography variant="h5">{value}</Typography>
              </Box>
            ))}
          </Box>
        </CardContent>
      </Card>
      <Card data-testid="staff-activity">
        <CardContent sx={{ overflowX: 'auto' }}>
          <Typography variant="h6">{translate('staff.activity')}</Typography>
          {activity.length === 0 ? (
            <Typography color="text.secondary">{translate('app.empty')}</Typography>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('staff.when')}</TableCell>
                  <TableCell>{translate('staff.action')}</TableCell>
                  <TableCell>{translate('staff.entity')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {activity.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell>{formatDateTime(a.created_at)}</TableCell>
                    <TableCell>{a.action}</TableCell>
                    <TableCell>
                      {a.entity_type}
                      {a.entity_id ? ` #${a.entity_id}` : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

/** The month's commissions of every staff member (GET /api/staff/commissions). */
export function CommissionsCard() {
  const translate = useTranslate();
  const showError = useApiError();
  const [month, setMonth] = useState(shopToday().slice(0, 7));
  const [report, setReport] = useState<{ lines: Commission[]; total: number } | null>(null);
  useEffect(() => {
    api<{ lines: Commission[]; total: number }>('/api/staff/commissions', { query: { month } })
      .then(setReport)
      .catch(showError);
  }, [month, showError]);
  return (
    <Card sx={{ mt: 2 }} data-testid="commissions">
      <CardContent sx={{ overflowX: 'auto' }}>
        <MonthHeader title={translate('staff.commissions')} month={month} onChange={setMonth} />
        {report && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('staff.name')}</TableCell>
                <TableCell align="right">{translate('staff.sales_value')}</TableCell>
                <TableCell align="right">{translate('staff.sales_commission')}</TableCell>
                <TableCell align="right">{translate('staff.repairs_value')}</TableCell>
                <TableCell align="right">{translate('staff.repairs_commission')}</TableCell>
                <TableCell align="right">{translate('staff.total')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.lines.map((line) => (
                <TableRow key={line.user_id}>
                  <TableCell>{line.name}</TableCell>
                  <TableCell align="right">{formatMoney(line.sales_amount)}</TableCell>
                  <TableCell align="right">{formatMoney(line.sales_commission)}</TableCell>
                  <TableCell align="right">{formatMoney(line.repairs_amount)}</TableCell>
                  <TableCell align="right">{formatMoney(line.repairs_commission)}</TableCell>
                  <TableCell align="right">
                    <strong>{formatMoney(line.total)}</strong>
                  </TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell colSpan={5}>
                  <strong>{translate('staff.total')}</strong>
                </TableCell>
                <TableCell align="right">
                  <strong>{formatMoney(report.total)}</strong>
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
