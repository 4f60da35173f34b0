// The shop's purchase orders, newest first, filtered by status and paged by the server (GET
// /api/purchase-orders); the total at cost for the Owner only; cards on a phone.
import { Button } from '@mui/material';
import { Link } from 'react-router-dom';
import {
  Datagrid,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TopToolbar,
  useLocale,
  useTranslate,
} from 'react-admin';
import { PURCHASE_ORDER_STATUSES } from '../../../snapshots/enums.ts';
import { can } from '../access/session.ts';
import { DateTimeField, MoneyField, ResponsiveList, StatusField, money } from '../common/fields.tsx';
import { formatDateTime } from '../format/format.ts';
import type { PurchaseOrder } from './order.ts';

function ListActions() {
  const translate = useTranslate();
  return (
    <TopToolbar>
      {can('purchase-orders', 'create') && (
        <Button component={Link} to="/reorder">
          {translate('purchase_orders.new')}
        </Button>
      )}
    </TopToolbar>
  );
}

const order = (record: unknown): PurchaseOrder => record as PurchaseOrder;

export default function PurchaseOrderList() {
  const translate = useTranslate();
  const locale = useLocale();
  // Cost prices are the Owner's (the right that creates products, as on a product's page).
  const costs = can('products', 'create');
  const lines = (record: unknown) =>
    translate('purchase_orders.lines_count', { smart_count: order(record).lines.length });
  const filters = [
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      choices={PURCHASE_ORDER_STATUSES.map((id) => ({ id, name: translate(`app.status.${id}`) }))}
    />,
  ];
  return (
    <List
      filters={filters}
      actions={<ListActions />}
      sort={{ field: 'created_at', order: 'DESC' }}
      exporter={false}
      perPage={25}
    >
      <ResponsiveList
        primary={(r) => `${order(r).reference} · ${translate(`app.status.${order(r).status}`)}`}
        secondary={(r) =>
          [order(r).supplier, lines(r), costs ? money(order(r).total) : null].filter(Boolean).join(' · ')
        }
        tertiary={(r) => formatDateTime(order(r).created_at, locale)}
        table={
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="reference" sortable={false} />
            <TextField source="supplier" sortable={false} emptyText="—" />
            <StatusField source="status" sortable={false} />
            <FunctionField source="lines" sortable={false} render={lines} />
            {costs && <MoneyField source="total" sortable={false} />}
            <DateTimeField source="created_at" sortable={false} />
          </Datagrid>
        }
      />
    </List>
  );
}
