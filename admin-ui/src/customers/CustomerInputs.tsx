import { Box } from '@mui/material';
import { DateInput, SelectInput, TextInput, email, required, useTranslate } from 'react-admin';

export function CustomerInputs() {
  const translate = useTranslate();
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2, width: '100%' }}
    >
      <TextInput source="name" validate={required()} />
      <TextInput source="phone" validate={required()} slotProps={{ htmlInput: { inputMode: 'tel' } }} />
      <TextInput source="email" validate={email()} />
      <TextInput source="id_number" />
      <DateInput source="date_of_birth" />
      <SelectInput
        source="gender"
        choices={['Male', 'Female'].map((id) => ({ id, name: translate(`app.gender.${id}`) }))}
      />
      <TextInput source="address" multiline sx={{ gridColumn: '1 / -1' }} />
      <TextInput source="notes" multiline sx={{ gridColumn: '1 / -1' }} />
    </Box>
  );
}
