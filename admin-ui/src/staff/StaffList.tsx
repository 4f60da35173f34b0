import { Datagrid, FunctionField, List, TextField, TextInput, useTranslate } from 'react-admin';
import { can } from '../access/session.ts';
import { DateTimeField, ResponsiveList, StatusField } from '../common/fields.tsx';
import { CommissionsCard } from './StaffInsights.tsx';

const filters = [<TextInput key="q" source="q" label="ra.action.search" alwaysOn />];

export default function StaffList() {
  const translate = useTranslate();
  return (
    <>
      <List filters={filters} sort={{ field: 'first_name', order: 'ASC' }} exporter={false}>
        <ResponsiveList
          primary={(r) => `${String(r['first_name'] ?? '')} ${String(r['last_name'] ?? '')}`}
          secondary={(r) => String(r['email'])}
          tertiary={(r) => translate(`app.role.${String(r['role'])}`)}
          table={
            <Datagrid rowClick="show" bulkActionButtons={false}>
              <TextField source="first_name" />
              <TextField source="last_name" />
              <TextField source="email" />
              <FunctionField
                source="role"
                render={(r: { role: string }) => translate(`app.role.${r.role}`)}
              />
              <StatusField source="status" />
              <DateTimeField source="last_access" />
            </Datagrid>
          }
        />
      </List>
      {can('staff', 'update') && <CommissionsCard />}
    </>
  );
}
