import {
  NumberInput,
  ReferenceInput,
  AutocompleteInput,
  SelectInput,
  TextInput,
  required,
  useTranslate,
} from 'react-admin';
import { Box } from '@mui/material';
import { can } from '../access/session.ts';

const CONDITIONS = ['New', 'Used', 'Refurbished'];
const STATUSES = ['In Stock', 'Reserved', 'Sold', 'In Repair', 'Returned', 'Written Off'];

export function DeviceInputs() {
  const translate = useTranslate();
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2, width: '100%' }}
    >
      <TextInput source="brand" validate={required()} />
      <TextInput source="model" validate={required()} />
      <TextInput source="imei_serial" validate={required()} />
      <TextInput source="color" />
      <TextInput source="storage" />
      <SelectInput
        source="condition"
        choices={CONDITIONS.map((id) => ({ id, name: translate(`app.condition.${id}`) }))}
        defaultValue="New"
      />
      <SelectInput
        source="status"
        choices={STATUSES.map((id) => ({ id, name: translate(`app.status.${id}`) }))}
        defaultValue="In Stock"
      />
      {can('products', 'create') && <NumberInput source="purchase_price" min={0} step={1} />}
      <NumberInput source="selling_price" min={0} step={1} />
      <ReferenceInput source="customer_id" reference="customers">
        <AutocompleteInput optionText="name" />
      </ReferenceInput>
      <TextInput source="notes" multiline sx={{ gridColumn: '1 / -1' }} />
    </Box>
  );
}
