// The two day fields (YYYY-MM-DD) of a period, From and To, placed in the caller's own row: the
// dashboard, the reports and a member's insights.
import { TextField } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A period of whole days in the shop's timezone, as the API takes it. */
export interface DayRange {
  from: string;
  to: string;
}

export function RangeFields({ value, onChange }: { value: DayRange; onChange: (range: DayRange) => void }) {
  const translate = useTranslate();
  const { from, to } = value;
  return (
    <>
      <TextField
        type="date"
        size="small"
        label={translate('app.range.from')}
        value={from}
        onChange={(e) => onChange({ from: e.target.value, to })}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextField
        type="date"
        size="small"
        label={translate('app.range.to')}
        value={to}
        onChange={(e) => onChange({ from, to: e.target.value })}
        slotProps={{ inputLabel: { shrink: true } }}
      />
    </>
  );
}
