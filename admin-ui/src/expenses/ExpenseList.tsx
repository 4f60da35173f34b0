import { Box } from '@mui/material';
import { Datagrid, List, SelectInput, TextField, useTranslate } from 'react-admin';
import { anyBulk, BulkActions, BulkApiButton } from '../common/bulk.tsx';
import { can } from '../access/session.ts';
import { BudgetsCard } from './Budgets.tsx';
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
    <>
      <List filters={filters} sort={{ field: 'expense_date', order: 'DESC' }}>
        <ResponsiveList
          primary={(r) => `${String(r['category'])} · ${money(r['amount'] as number)}`}
          secondary={(r) => String(r['description'] ?? '')}
          tertiary={(r) => translate(`app.status.${String(r['status'])}`)}
          table={
            <Datagrid
              rowClick="show"
              bulkActionButtons={
                anyBulk('expenses', ['approve', 'delete']) && (
                  <BulkActions resource="expenses">
                    {can('expenses', 'approve') && (
                      <BulkApiButton
                        label="app.action.approve"
                        path={(id) => `/api/expenses/${id}/approve`}
                      />
                    )}
                  </BulkActions>
                )
              }
            >
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
      <Box sx={{ mt: 2 }}>
        <BudgetsCard editable={can('settings', 'update')} />
      </Box>
    </>
  );
}
