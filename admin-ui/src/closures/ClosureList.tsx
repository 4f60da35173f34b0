import { Datagrid, List, SelectInput, useTranslate } from 'react-admin';
import { DateTimeField, MoneyField, ResponsiveList, StatusField, money } from '../common/fields.tsx';
import { formatDate } from '../format/format.ts';

const STATUSES = ['Submitted', 'Reviewed', 'Approved', 'Rejected', 'Locked'];

export default function ClosureList() {
  const translate = useTranslate();
  const filters = [
    <SelectInput
      key="s"
      source="status"
      choices={STATUSES.map((id) => ({ id, name: translate(`app.status.${id}`) }))}
    />,
  ];
  return (
    <List filters={filters} sort={{ field: 'closure_date', order: 'DESC' }}>
      <ResponsiveList
        primary={(r) => formatDate(r['closure_date'] as string)}
        secondary={(r) => `${translate('closures.variance')}: ${money(r['variance'] as number)}`}
        tertiary={(r) => translate(`app.status.${String(r['status'])}`)}
        table={
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <DateTimeField source="closure_date" dateOnly />
            <MoneyField source="expected_amount" />
            <MoneyField source="total_collected" />
            <MoneyField source="variance" />
            <StatusField source="status" />
          </Datagrid>
        }
      />
    </List>
  );
}
