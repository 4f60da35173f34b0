// A staff member; the Owner suspends or activates the account (suspension ends their sessions at once).
import { Button } from '@mui/material';
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
import { api } from '../api/client.ts';
import { can, identity } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { DateTimeField, StatusField } from '../common/fields.tsx';
import { ResetPasswordButton, StaffInsights } from './StaffInsights.tsx';

function Actions() {
  const user = useRecordContext<{ id: string; status: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const showError = useApiError();
  if (!user) return null;
  const self = user.id === identity()?.id;
  const action = user.status === 'active' ? 'suspend' : 'activate';
  return (
    <TopToolbar>
      {can('staff', 'suspend') && !self && (
        <Button
          color={action === 'suspend' ? 'error' : 'primary'}
          onClick={() => {
            api(`/api/staff/${user.id}/${action}`, { method: 'POST', body: {} })
              .then(() => {
                notify('app.notify.done', { type: 'success' });
                refresh();
              })
              .catch(showError);
          }}
        >
          {translate(`app.action.${action}`)}
        </Button>
      )}
      {can('staff', 'update') && !self && <ResetPasswordButton />}
      <EditButton />
    </TopToolbar>
  );
}

export default function StaffShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <TextField source="first_name" />
        <TextField source="last_name" emptyText="—" />
        <TextField source="email" />
        <TextField source="phone" emptyText="—" />
        <FunctionField source="role" render={(r: { role: string }) => translate(`app.role.${r.role}`)} />
        <StatusField source="status" />
        <DateTimeField source="last_access" />
      </SimpleShowLayout>
      {can('staff', 'update') && <StaffInsights />}
    </Show>
  );
}
