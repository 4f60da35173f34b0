import { BooleanInput, Datagrid, List, NumberField, TextField, TextInput } from 'react-admin';
import { can } from '../access/session.ts';
import { anyBulk, BulkActions, BulkSetButton } from '../common/bulk.tsx';
import { MoneyField, ResponsiveList, money } from '../common/fields.tsx';
import { ProductActions } from './ProductActions.tsx';

const filters = [
  <TextInput key="q" source="q" label="ra.action.search" alwaysOn />,
  <TextInput key="c" source="category" />,
  <BooleanInput key="a" source="is_active" />,
];

export default function ProductList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }} actions={<ProductActions />}>
      <ResponsiveList
        primary={(r) => String(r['name'])}
        secondary={(r) => money(r['selling_price'] as number)}
        tertiary={(r) => String(r['stock_quantity'])}
        table={
          <Datagrid
            rowClick="show"
            bulkActionButtons={
              anyBulk('products', ['update', 'delete']) && (
                <BulkActions resource="products">
                  {can('products', 'update') && (
                    <BulkSetButton label="products.activate" data={{ is_active: true }} />
                  )}
                  {can('products', 'update') && (
                    <BulkSetButton label="products.deactivate" data={{ is_active: false }} />
                  )}
                </BulkActions>
              )
            }
          >
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
