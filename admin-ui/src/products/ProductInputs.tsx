import { Box } from '@mui/material';
import { BooleanInput, NumberInput, TextInput, required } from 'react-admin';

export function ProductInputs() {
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2, width: '100%' }}
    >
      <TextInput source="name" validate={required()} />
      <TextInput source="category" />
      <TextInput source="sku" />
      <TextInput source="barcode" />
      <NumberInput source="cost_price" min={0} step={1} />
      <NumberInput source="selling_price" min={0} step={1} validate={required()} />
      <NumberInput source="min_stock_level" min={0} step={1} defaultValue={5} />
      <BooleanInput source="is_active" defaultValue />
      <TextInput source="description" multiline sx={{ gridColumn: '1 / -1' }} />
    </Box>
  );
}
