import {
  CreateButton,
  Datagrid,
  ExportButton,
  FilterButton,
  List,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { anyBulk, BulkActions, BulkSetButton } from '../common/bulk.tsx';
import { can } from '../access/session.ts';
import { DeviceImportButton } from './DeviceImport.tsx';
import { MoneyField, ResponsiveList, StatusField } from '../common/fields.tsx';

const STATUSES = ['In Stock', 'Reserved', 'Sold', 'In Repair', 'Returned', 'Written Off'];

export default function DeviceList() {
  const translate = useTranslate();
  const filters = [
    <TextInput key="q" source="q" label="ra.action.search" alwaysOn />,
    <SelectInput
      key="s"
      source="status"
      choices={STATUSES.map((id) => ({ id, name: translate(`app.status.${id}`) }))}
    />,
  ];
  return (
    <List
      filters={filters}
      sort={{ field: 'created_at', order: 'DESC' }}
      actions={
        <TopToolbar>
          <FilterButton />
          <CreateButton />
          <DeviceImportButton />
          <ExportButton />
        </TopToolbar>
      }
    >
      <ResponsiveList
        primary={(r) => `${String(r['brand'])} ${String(r['model'])}`}
        secondary={(r) => String(r['imei_serial'])}
        tertiary={(r) => translate(`app.status.${String(r['status'])}`)}
        table={
          <Datagrid
            rowClick="show"
            bulkActionButtons={
              anyBulk('devices', ['update', 'delete']) && (
                <BulkActions resource="devices">
                  {can('devices', 'update') && (
                    <BulkSetButton label="devices.mark_in_stock" data={{ status: 'In Stock' }} />
                  )}
                  {can('devices', 'update') && (
                    <BulkSetButton label="devices.mark_written_off" data={{ status: 'Written Off' }} />
                  )}
                </BulkActions>
              )
            }
          >
            <TextField source="brand" />
            <TextField source="model" />
            <TextField source="imei_serial" />
            <TextField source="storage" />
            <MoneyField source="selling_price" />
            <TextField
              source="customer_id.name"
              label="resources.devices.fields.customer_id"
              sortable={false}
            />
            <StatusField source="status" />
          </Datagrid>
        }
      />
    </List>
  );
}
