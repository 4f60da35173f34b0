// The two day fields (YYYY-MM-DD) of a period, From and To, placed in the caller's own row: the
// dashboard, the reports and a member's insights.
import { TextField } from '@mui/material';
import { useTranslate } from 'react-admin';

export function RangeFields({
  from,
  to,
  onChange,
}: {
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
}) {
  const translate = useTranslate();
  return (
    <>
      <TextField
        type="date"
        size="small"
        label={translate('app.range.from')}
        value={from}
        onChange={(e) => onChange(e.target.value, to)}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextField
        type="date"
        size="small"
        label={translate('app.range.to')}
        value={to}
        onChange={(e) => onChange(from, e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
      />
    </>
  );
}
