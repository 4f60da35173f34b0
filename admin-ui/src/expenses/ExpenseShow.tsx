// An expense; the Owner approves or rejects a pending one.
import { Button, Link } from '@mui/material';
import {
  EditButton,
  FunctionField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { api, assetUrl } from '../api/client.ts';
import { can } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { DateTimeField, MethodField, MoneyField, StatusField } from '../common/fields.tsx';

function Actions() {
  const expense = useRecordContext<{ id: number; status: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const showError = useApiError();
  const act = (action: string, body: unknown = {}) => {
    if (!expense) return;
    api(`/api/expenses/${String(expense.id)}/${action}`, { method: 'POST', body })
      .then(() => {
        notify('app.notify.done', { type: 'success' });
        refresh();
      })
      .catch(showError);
  };
  const pending = expense?.status === 'Pending' && can('expenses', 'approve');
  return (
    <TopToolbar>
      {pending && <Button onClick={() => act('approve')}>{translate('app.action.approve')}</Button>}
      {pending && (
        <Button
          color="error"
          onClick={() => {
            const reason = window.prompt(translate('app.action.reason'));
            if (reason && reason.trim().length >= 3) act('reject', { reason: reason.trim() });
          }}
        >
          {translate('app.action.reject')}
        </Button>
      )}
      <EditButton />
    </TopToolbar>
  );
}

function ReceiptLabel() {
  const translate = useTranslate();
  return <>{translate('expenses.receipt_open')}</>;
}

export default function ExpenseShow() {
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <DateTimeField source="expense_date" dateOnly />
        <TextField source="category" />
        <TextField source="description" />
        <MoneyField source="amount" />
        <MethodField source="payment_method" />
        <StatusField source="status" />
        <FunctionField
          source="receipt"
          render={(r: { receipt: string | null }) =>
            r.receipt ? (
              <Link href={assetUrl(r.receipt)} target="_blank" rel="noopener">
                <ReceiptLabel />
              </Link>
            ) : (
              '—'
            )
          }
        />
      </SimpleShowLayout>
    </Show>
  );
}
