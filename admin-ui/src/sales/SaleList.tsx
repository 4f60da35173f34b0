import { Datagrid, DateInput, List, SelectInput, TextField, TextInput, useTranslate } from 'react-admin';
import { can } from '../access/session.ts';
import { anyBulk, BulkActions, BulkApiButton } from '../common/bulk.tsx';
import {
  DateTimeField,
  MethodField,
  MoneyField,
  ResponsiveList,
  StatusField,
  money,
} from '../common/fields.tsx';
import { formatDateTime } from '../format/format.ts';

const STATUSES = ['Submitted', 'Approved', 'Rejected', 'Locked', 'Reversed'];
const METHODS = ['Cash', 'MTN Mobile Money', 'Airtel Money', 'Card', 'Bank Transfer', 'Other', 'Split'];

function useFilters() {
  const translate = useTranslate();
  return [
    <TextInput key="q" source="q" label="ra.action.search" alwaysOn />,
    <SelectInput
      key="status"
      source="status"
      choices={STATUSES.map((id) => ({ id, name: translate(`app.status.${id}`) }))}
    />,
    <SelectInput
      key="method"
      source="payment_method"
      choices={METHODS.map((id) => ({ id, name: translate(`app.method.${id}`) }))}
    />,
    <DateInput key="from" source="created_at@_gte" label="app.range.from" />,
    <DateInput key="to" source="created_at@_lte" label="app.range.to" />,
  ];
}

export default function SaleList() {
  return (
    <List sort={{ field: 'created_at', order: 'DESC' }} filters={useFilters()} perPage={25}>
      <ResponsiveList
        primary={(r) => `${String(r['sale_number'])} · ${money(r['final_amount'] as number)}`}
        secondary={(r) => formatDateTime(r['created_at'] as string)}
        tertiary={(r) => String(r['status'])}
        table={
          <Datagrid
            rowClick="show"
            bulkActionButtons={
              anyBulk('sales', ['approve', 'lock']) && (
                <BulkActions resource="sales" deletable={false}>
                  {can('sales', 'approve') && (
                    <BulkApiButton label="app.action.approve" path={(id) => `/api/sales/${id}/approve`} />
                  )}
                  {can('sales', 'lock') && (
                    <BulkApiButton label="app.action.lock" path={(id) => `/api/sales/${id}/lock`} />
                  )}
                </BulkActions>
              )
            }
          >
            <TextField source="sale_number" />
            <DateTimeField source="created_at" />
            <TextField source="customer_id.name" label="resources.sales.fields.customer" sortable={false} />
            <MethodField source="payment_method" />
            <MoneyField source="final_amount" />
            <StatusField source="status" />
          </Datagrid>
        }
      />
    </List>
  );
}
