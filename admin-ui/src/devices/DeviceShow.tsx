import { DateField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { MoneyField, StatusField } from '../common/fields.tsx';

export default function DeviceShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="brand" />
        <TextField source="model" />
        <TextField source="imei_serial" />
        <TextField source="color" />
        <TextField source="storage" />
        <TextField source="condition" />
        <StatusField source="status" />
        <MoneyField source="selling_price" />
        <ReferenceField source="customer_id" reference="customers" empty="—" />
        <DateField source="warranty_expires_at" emptyText="—" />
        <TextField source="notes" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
