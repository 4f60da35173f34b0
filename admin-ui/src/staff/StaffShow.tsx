// A staff member; the Owner suspends or activates the account (suspension ends their sessions at once),
// and sees and acts on their sign-in security (two-factor, a paused sign-in, their sessions).
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
import { SignInPaused, StaffSecurityActions, TwoFactorChip } from './StaffSecurity.tsx';

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
      <StaffSecurityActions />
      <EditButton />
    </TopToolbar>
  );
}

export default function StaffShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <SignInPaused />
        <TextField source="first_name" />
        <TextField source="last_name" emptyText="—" />
        <TextField source="email" />
        <TextField source="phone" emptyText="—" />
        <FunctionField source="role" render={(r: { role: string }) => translate(`app.role.${r.role}`)} />
        <StatusField source="status" />
        <FunctionField
          source="two_factor_enabled"
          render={(r: { two_factor_enabled?: boolean }) => <TwoFactorChip enabled={r.two_factor_enabled} />}
        />
        <DateTimeField source="last_access" />
      </SimpleShowLayout>
      {can('staff', 'update') && <StaffInsights />}
    </Show>
  );
}
