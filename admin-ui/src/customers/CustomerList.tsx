import { Datagrid, List, NumberField, TextField, TextInput } from 'react-admin';
import { anyBulk, BulkActions } from '../common/bulk.tsx';
import { DateTimeField, MoneyField, ResponsiveList } from '../common/fields.tsx';

const filters = [<TextInput key="q" source="q" label="ra.action.search" alwaysOn />];

export default function CustomerList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }}>
      <ResponsiveList
        primary={(r) => String(r['name'])}
        secondary={(r) => String(r['phone'])}
        swipeActions={(r) => (r['phone'] ? [{ label: 'lists.call', href: `tel:${String(r['phone'])}` }] : [])}
        table={
          <Datagrid
            rowClick="show"
            bulkActionButtons={anyBulk('customers', ['delete']) && <BulkActions resource="customers" />}
          >
            <TextField source="name" />
            <TextField source="phone" />
            <TextField source="email" />
            <NumberField source="loyalty_points" />
            <MoneyField source="total_purchases" />
            <DateTimeField source="created_at" dateOnly />
          </Datagrid>
        }
      />
    </List>
  );
}
