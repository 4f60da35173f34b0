import { Datagrid, List, SelectInput, TextField, useTranslate } from 'react-admin';
import {
  DateTimeField,
  MethodField,
  MoneyField,
  ResponsiveList,
  StatusField,
  money,
} from '../common/fields.tsx';

export default function ExpenseList() {
  const translate = useTranslate();
  const filters = [
    <SelectInput
      key="s"
      source="status"
      choices={['Pending', 'Approved', 'Rejected'].map((id) => ({ id, name: translate(`app.status.${id}`) }))}
    />,
  ];
  return (
    <List filters={filters} sort={{ field: 'expense_date', order: 'DESC' }}>
      <ResponsiveList
        primary={(r) => `${String(r['category'])} · ${money(r['amount'] as number)}`}
        secondary={(r) => String(r['description'] ?? '')}
        tertiary={(r) => translate(`app.status.${String(r['status'])}`)}
        table={
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <DateTimeField source="expense_date" dateOnly />
            <TextField source="category" />
            <TextField source="description" />
            <MethodField source="payment_method" />
            <MoneyField source="amount" />
            <StatusField source="status" />
          </Datagrid>
        }
      />
    </List>
  );
}
