import { Typography } from '@mui/material';
import { Datagrid, FunctionField, List, TextField, TextInput, useTranslate } from 'react-admin';
import { can } from '../access/session.ts';
import { DateTimeField, ResponsiveList, StatusField } from '../common/fields.tsx';
import { CommissionsCard } from './StaffInsights.tsx';
import { clockTime, isLocked, TwoFactorChip } from './StaffSecurity.tsx';

interface Member {
  role: string;
  two_factor_enabled?: boolean;
  sign_in_locked_until?: string | null;
}

const filters = [<TextInput key="q" source="q" label="ra.action.search" alwaysOn />];

export default function StaffList() {
  const translate = useTranslate();
  return (
    <>
      <List filters={filters} sort={{ field: 'first_name', order: 'ASC' }} exporter={false}>
        <ResponsiveList
          primary={(r) => `${String(r['first_name'] ?? '')} ${String(r['last_name'] ?? '')}`}
          secondary={(r) => String(r['email'])}
          tertiary={(r) => {
            const m = r as unknown as Member;
            return [
              translate(`app.role.${m.role}`),
              m.two_factor_enabled === undefined
                ? null
                : translate(m.two_factor_enabled ? 'staff.two_factor_on' : 'staff.two_factor_off'),
              isLocked(m.sign_in_locked_until)
                ? translate('staff.sign_in_paused', { time: clockTime(m.sign_in_locked_until ?? '') })
                : null,
            ]
              .filter(Boolean)
              .join(' · ');
          }}
          table={
            <Datagrid rowClick="show" bulkActionButtons={false}>
              <TextField source="first_name" />
              <TextField source="last_name" />
              <TextField source="email" />
              <FunctionField
                source="role"
                render={(r: { role: string }) => translate(`app.role.${r.role}`)}
              />
              <StatusField source="status" />
              <FunctionField
                source="two_factor_enabled"
                sortable={false}
                render={(r: Member) => (
                  <>
                    <TwoFactorChip enabled={r.two_factor_enabled} />
                    {isLocked(r.sign_in_locked_until) && (
                      <Typography variant="caption" color="warning.main" sx={{ display: 'block' }}>
                        {translate('staff.sign_in_paused', { time: clockTime(r.sign_in_locked_until ?? '') })}
                      </Typography>
                    )}
                  </>
                )}
              />
              <DateTimeField source="last_access" />
            </Datagrid>
          }
        />
      </List>
      {can('staff', 'update') && <CommissionsCard />}
    </>
  );
}
