// Sale numbers that were taken but never used (GET /api/sales/number-gaps, Owners: the audit trail's
// right): a checkout that failed after taking its number, or a number the server found missing later.
// Each with its cause, who and when; none over the period is said plainly.
import {
  Box,
  Card,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { apiEnvelope } from '../api/client.ts';
import { can } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { RangeFields, type DayRange } from '../common/RangeFields.tsx';
import { daysBefore, formatDateTime, shopToday } from '../format/format.ts';

interface NumberGap {
  series: string;
  year: number;
  number: number;
  sale_number: string;
  cause_code: string;
  cause: string;
  user_id: string | null;
  user_name: string | null;
  recorded_at: string;
}

const LIMIT = 200;

export function NumberGapsCard() {
  const translate = useTranslate();
  const showError = useApiError();
  const today = shopToday();
  const [range, setRange] = useState<DayRange>({ from: daysBefore(today, 89), to: today });
  const [gaps, setGaps] = useState<{ rows: NumberGap[]; total: number } | null>(null);
  const allowed = can('audit-logs', 'list');
  useEffect(() => {
    if (!allowed) return;
    apiEnvelope<NumberGap[]>('/api/sales/number-gaps', { query: { ...range, limit: LIMIT } })
      .then((answer) => setGaps({ rows: answer.data, total: answer.meta?.total ?? answer.data.length }))
      .catch(showError);
  }, [allowed, range, showError]);
  if (!allowed) return null;
  return (
    <Card sx={{ mt: 2 }} data-testid="number-gaps">
      <CardContent sx={{ display: 'grid', gap: 2, overflowX: 'auto' }}>
        <Typography variant="h6">{translate('audit.gaps.title')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('audit.gaps.explain')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <RangeFields value={range} onChange={setRange} />
        </Box>
        {gaps && gaps.rows.length === 0 && (
          <Typography data-testid="number-gaps-empty">{translate('audit.gaps.empty')}</Typography>
        )}
        {gaps && gaps.rows.length > 0 && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('audit.gaps.number')}</TableCell>
                <TableCell>{translate('audit.gaps.cause')}</TableCell>
                <TableCell>{translate('audit.gaps.who')}</TableCell>
                <TableCell>{translate('audit.gaps.when')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {gaps.rows.map((gap) => (
                <TableRow key={`${gap.series}-${String(gap.year)}-${String(gap.number)}`}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{gap.sale_number}</TableCell>
                  <TableCell>{translate(`audit.gaps.causes.${gap.cause_code}`, { _: gap.cause })}</TableCell>
                  <TableCell>{gap.user_name ?? '—'}</TableCell>
                  <TableCell>{formatDateTime(gap.recorded_at)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {gaps && gaps.total > gaps.rows.length && (
          <Typography variant="body2" color="text.secondary">
            {translate('audit.gaps.more', { shown: gaps.rows.length, total: gaps.total })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
