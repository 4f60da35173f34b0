import { BooleanInput, Datagrid, List, NumberField, TextField, TextInput } from 'react-admin';
import { MoneyField, ResponsiveList, money } from '../common/fields.tsx';

const filters = [
  <TextInput key="q" source="q" label="ra.action.search" alwaysOn />,
  <TextInput key="c" source="category" />,
  <BooleanInput key="a" source="is_active" />,
];

export default function ProductList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }}>
      <ResponsiveList
        primary={(r) => String(r['name'])}
        secondary={(r) => money(r['selling_price'] as number)}
        tertiary={(r) => String(r['stock_quantity'])}
        table={
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="name" />
            <TextField source="category" />
            <TextField source="sku" />
            <MoneyField source="selling_price" />
            <NumberField source="stock_quantity" />
            <NumberField source="min_stock_level" />
          </Datagrid>
        }
      />
    </List>
  );
}
