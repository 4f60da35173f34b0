import { Datagrid, List, TextField, TextInput } from 'react-admin';
import { DateTimeField, ResponsiveList } from '../common/fields.tsx';
import { formatDateTime } from '../format/format.ts';
import { NumberGapsCard } from './NumberGaps.tsx';

const filters = [<TextInput key="e" source="entity_type" alwaysOn />, <TextInput key="a" source="action" />];

export default function AuditLogList() {
  return (
    <>
      <List filters={filters} sort={{ field: 'created_at', order: 'DESC' }}>
        <ResponsiveList
          primary={(r) =>
            `${String(r['action'])} · ${String(r['entity_type'])} ${String(r['entity_id'] ?? '')}`
          }
          secondary={(r) => formatDateTime(r['created_at'] as string)}
          table={
            <Datagrid rowClick="show" bulkActionButtons={false}>
              <DateTimeField source="created_at" />
              <TextField source="action" />
              <TextField source="entity_type" />
              <TextField source="entity_id" />
              <TextField source="user_id" />
              <TextField source="ip_address" />
            </Datagrid>
          }
        />
      </List>
      <NumberGapsCard />
    </>
  );
}
