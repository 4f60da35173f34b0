import { Datagrid, List, SelectInput, TextField, TextInput, useTranslate } from 'react-admin';
import { DateTimeField, MoneyField, ResponsiveList, StatusField } from '../common/fields.tsx';
import { REPAIR_STATUSES } from './workflow.ts';

export default function RepairList() {
  const translate = useTranslate();
  const filters = [
    <TextInput key="q" source="q" label="ra.action.search" alwaysOn />,
    <SelectInput
      key="s"
      source="status"
      choices={REPAIR_STATUSES.map((id) => ({ id, name: translate(`app.status.${id}`) }))}
    />,
  ];
  return (
    <List filters={filters} sort={{ field: 'created_at', order: 'DESC' }}>
      <ResponsiveList
        primary={(r) =>
          `${String(r['repair_number'])} · ${String(r['device_brand'] ?? '')} ${String(r['device_model'] ?? '')}`
        }
        secondary={(r) => String(r['issue_description'] ?? '')}
        tertiary={(r) => translate(`app.status.${String(r['status'])}`)}
        table={
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="repair_number" />
            <DateTimeField source="created_at" />
            <TextField source="customer_id.name" label="resources.repairs.fields.customer" sortable={false} />
            <TextField source="device_model" />
            <TextField source="repair_type" />
            <MoneyField source="estimated_cost" />
            <StatusField source="status" />
          </Datagrid>
        }
      />
    </List>
  );
}
