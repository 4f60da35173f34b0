// A card's title beside the month it shows, chosen with a month field (YYYY-MM): the expense budgets
// and the team's commissions.
import { Box, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

export function MonthHeader({
  title,
  month,
  onChange,
}: {
  title: string;
  month: string;
  onChange: (month: string) => void;
}) {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
      <Typography variant="h6">{title}</Typography>
      <TextField
        type="month"
        size="small"
        label={translate('staff.month')}
        value={month}
        onChange={(e) => onChange(e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
      />
    </Box>
  );
}
