// Expected against counted, per payment method, with the variance of each and of the day.
import { Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { CLOSURE_METHODS } from '../../../extensions/phone-shop/src/domain/closure.ts';
import { formatMoney } from '../format/format.ts';

export type Counted = Record<(typeof CLOSURE_METHODS)[number]['counted'], number>;

export const ZERO_COUNT: Counted = {
  cash_amount: 0,
  mtn_amount: 0,
  airtel_amount: 0,
  card_amount: 0,
  bank_transfer: 0,
  other_amount: 0,
};

function Variance({ value }: { value: number }) {
  const translate = useTranslate();
  const color = value === 0 ? 'success.main' : value > 0 ? 'warning.main' : 'error.main';
  const word = value === 0 ? 'closures.balanced' : value > 0 ? 'closures.over' : 'closures.short';
  return (
    <Typography component="span" sx={{ color, fontWeight: 600 }}>
      {formatMoney(value)} <small>({translate(word)})</small>
    </Typography>
  );
}

export function ClosureFigures({
  expected,
  counted,
  onCount,
}: {
  expected: Partial<Record<string, number>>;
  counted: Counted;
  onCount?: (field: keyof Counted, value: number) => void;
}) {
  const translate = useTranslate();
  const totalExpected = CLOSURE_METHODS.reduce((sum, m) => sum + (expected[m.method] ?? 0), 0);
  const totalCounted = CLOSURE_METHODS.reduce((sum, m) => sum + counted[m.counted], 0);
  return (
    <Table size="small" data-testid="closure-figures">
      <TableHead>
        <TableRow>
          <TableCell>{translate('closures.method')}</TableCell>
          <TableCell align="right">{translate('closures.expected')}</TableCell>
          <TableCell align="right">{translate('closures.counted')}</TableCell>
          <TableCell align="right">{translate('closures.variance')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {CLOSURE_METHODS.map(({ method, counted: field }) => (
          <TableRow key={method}>
            <TableCell>{translate(`app.method.${method}`)}</TableCell>
            <TableCell align="right">{formatMoney(expected[method] ?? 0)}</TableCell>
            <TableCell align="right">
              {onCount ? (
                <TextField
                  size="small"
                  type="number"
                  name={field}
                  value={counted[field] || ''}
                  onChange={(e) => onCount(field, Math.max(0, Math.round(Number(e.target.value) || 0)))}
                  slotProps={{ htmlInput: { min: 0, inputMode: 'numeric', style: { textAlign: 'right' } } }}
                  sx={{ width: 130 }}
                />
              ) : (
                formatMoney(counted[field])
              )}
            </TableCell>
            <TableCell align="right">
              <Variance value={counted[field] - (expected[method] ?? 0)} />
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell sx={{ fontWeight: 700 }}>{translate('closures.total')}</TableCell>
          <TableCell align="right" sx={{ fontWeight: 700 }}>
            {formatMoney(totalExpected)}
          </TableCell>
          <TableCell align="right" sx={{ fontWeight: 700 }}>
            {formatMoney(totalCounted)}
          </TableCell>
          <TableCell align="right" data-testid="closure-variance">
            <Variance value={totalCounted - totalExpected} />
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
