import { FunctionField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/fields.tsx';

const json = (value: unknown) => (
  <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
    {value === null ? '—' : JSON.stringify(value, null, 2)}
  </pre>
);

export default function AuditLogShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <DateTimeField source="created_at" />
        <TextField source="action" />
        <TextField source="entity_type" />
        <TextField source="entity_id" />
        <TextField source="user_id" />
        <TextField source="ip_address" />
        <FunctionField source="old_value" render={(r: { old_value: unknown }) => json(r.old_value)} />
        <FunctionField source="new_value" render={(r: { new_value: unknown }) => json(r.new_value)} />
      </SimpleShowLayout>
    </Show>
  );
}
