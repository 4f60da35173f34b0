// A member's sign-in security, as the Owner sees it: two-factor on or off, a sign-in paused after
// failed attempts (until when), and the Owner's actions (the matrix's staff.suspend, as the server
// checks): unlock the sign-in, sign them out everywhere, reset their two-factor (a lost phone; not
// one's own, which needs a code from one's profile).
import { Alert, Button, Chip } from '@mui/material';
import { useState } from 'react';
import { Confirm, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { can, identity } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { shopTimezone } from '../format/format.ts';

export interface StaffSecurityFields {
  id: string;
  two_factor_enabled?: boolean;
  sign_in_locked_until?: string | null;
}

/** "14:05" in the shop's timezone (a pause lasts minutes: the day is today). */
export function clockTime(iso: string, timeZone = shopTimezone()): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/** Whether a pause is still on. */
export const isLocked = (until: string | null | undefined, now = Date.now()): boolean =>
  typeof until === 'string' && Date.parse(until) > now;

export function TwoFactorChip({ enabled }: { enabled: boolean | undefined }) {
  const translate = useTranslate();
  if (enabled === undefined) return null;
  return (
    <Chip
      size="small"
      data-testid="staff-two-factor"
      color={enabled ? 'success' : 'default'}
      variant={enabled ? 'filled' : 'outlined'}
      label={translate(enabled ? 'staff.two_factor_on' : 'staff.two_factor_off')}
    />
  );
}

/** The warning of a paused sign-in, on the member's page. */
export function SignInPaused() {
  const member = useRecordContext<StaffSecurityFields>();
  const translate = useTranslate();
  if (!member || !isLocked(member.sign_in_locked_until)) return null;
  return (
    <Alert severity="warning" sx={{ mb: 1 }} data-testid="sign-in-paused">
      {translate('staff.sign_in_paused', { time: clockTime(member.sign_in_locked_until ?? '') })}
    </Alert>
  );
}

type Pending = 'sign-out' | 'two-factor/reset' | null;

export function StaffSecurityActions() {
  const member = useRecordContext<StaffSecurityFields>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const showError = useApiError();
  const [confirm, setConfirm] = useState<Pending>(null);
  if (!member || !can('staff', 'suspend')) return null;
  const self = member.id === identity()?.id;
  const run = (action: 'unlock' | 'sign-out' | 'two-factor/reset', done: string) =>
    api(`/api/staff/${member.id}/${action}`, { method: 'POST', body: {} })
      .then(() => {
        notify(done, { type: 'success' });
        refresh();
      })
      .catch(showError)
      .finally(() => setConfirm(null));
  return (
    <>
      {isLocked(member.sign_in_locked_until) && (
        <Button onClick={() => void run('unlock', 'staff.unlocked')}>{translate('staff.unlock')}</Button>
      )}
      {!self && (
        <Button onClick={() => setConfirm('sign-out')}>{translate('staff.sign_out_everywhere')}</Button>
      )}
      {!self && member.two_factor_enabled && (
        <Button color="warning" onClick={() => setConfirm('two-factor/reset')}>
          {translate('staff.reset_two_factor')}
        </Button>
      )}
      <Confirm
        isOpen={confirm === 'sign-out'}
        title="staff.sign_out_everywhere"
        content="staff.sign_out_confirm"
        onConfirm={() => void run('sign-out', 'staff.signed_out')}
        onClose={() => setConfirm(null)}
      />
      <Confirm
        isOpen={confirm === 'two-factor/reset'}
        title="staff.reset_two_factor"
        content="staff.reset_two_factor_confirm"
        onConfirm={() => void run('two-factor/reset', 'staff.two_factor_reset')}
        onClose={() => setConfirm(null)}
      />
    </>
  );
}
