// Changing one's password or e-mail: both need the current password, and both end every session,
// this phone's included; the app then asks to sign in again with the new password or e-mail.
import { Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { api, ApiError, isSessionWide } from '../api/client.ts';
import { describeError } from '../api/useApiError.ts';
import { fieldOf, useSignInAgain } from './account.ts';

/** At least 10 characters, with a letter and a digit (what Reset password asks of an Owner, too). */
export const strongPassword = (value: string): boolean =>
  value.length >= 10 && /\p{L}/u.test(value) && /\d/.test(value);

type Problems = Record<string, string>;

/** The field a refusal is about, and its sentence; session-wide refusals are told elsewhere. */
function useProblems(): [Problems, (error: unknown, fallback: string) => void, () => void] {
  const translate = useTranslate();
  const [problems, setProblems] = useState<Problems>({});
  const show = (error: unknown, fallback: string) => {
    if (error instanceof ApiError && isSessionWide(error)) return;
    const field = fieldOf(error, fallback) ?? fallback;
    setProblems({ [field]: describeError(error, translate) });
  };
  return [problems, show, () => setProblems({})];
}

/** The current password, which both changes ask for; its refusal (a wrong one, a pause) shows on it. */
function CurrentPasswordField({
  name,
  value,
  onChange,
  problem,
}: {
  name: string;
  value: string;
  onChange: (value: string) => void;
  problem: string | undefined;
}) {
  const translate = useTranslate();
  return (
    <TextField
      type="password"
      name={name}
      autoComplete="current-password"
      label={translate('profile.current_password')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={Boolean(problem)}
      helperText={problem}
    />
  );
}

export function PasswordCard() {
  const translate = useTranslate();
  const signInAgain = useSignInAgain();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, show, clear] = useProblems();
  const mismatch = confirm !== '' && confirm !== next;
  const ready = current !== '' && strongPassword(next) && confirm === next;
  const save = () => {
    setBusy(true);
    clear();
    api('/api/account/password', { method: 'POST', body: { current_password: current, new_password: next } })
      .then(() => signInAgain('profile.password_changed'))
      .catch((error: unknown) => show(error, 'new_password'))
      .finally(() => setBusy(false));
  };
  return (
    <Card data-testid="password-card">
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Typography variant="h6">{translate('profile.change_password')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('profile.sessions_end_note')}
        </Typography>
        <CurrentPasswordField
          name="current_password"
          value={current}
          onChange={setCurrent}
          problem={problems['current_password']}
        />
        <TextField
          type="password"
          name="new_password"
          autoComplete="new-password"
          label={translate('profile.new_password')}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={Boolean(problems['new_password']) || (next !== '' && !strongPassword(next))}
          helperText={problems['new_password'] ?? translate('profile.password_hint')}
        />
        <TextField
          type="password"
          name="confirm_password"
          autoComplete="new-password"
          label={translate('profile.confirm_password')}
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={mismatch}
          helperText={mismatch ? translate('profile.passwords_differ') : ' '}
        />
        <Button variant="contained" disabled={!ready || busy} onClick={save}>
          {translate('profile.change_password')}
        </Button>
      </CardContent>
    </Card>
  );
}

export function EmailCard({ email }: { email: string | null }) {
  const translate = useTranslate();
  const signInAgain = useSignInAgain();
  const [next, setNext] = useState('');
  const [current, setCurrent] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, show, clear] = useProblems();
  const ready = current !== '' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(next.trim());
  const save = () => {
    setBusy(true);
    clear();
    api('/api/account/email', { method: 'POST', body: { current_password: current, email: next.trim() } })
      .then(() => signInAgain('profile.email_changed'))
      .catch((error: unknown) => show(error, 'email'))
      .finally(() => setBusy(false));
  };
  return (
    <Card data-testid="email-card">
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Typography variant="h6">{translate('profile.change_email')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('profile.current_email', { email: email ?? '—' })}{' '}
          {translate('profile.sessions_end_note')}
        </Typography>
        <TextField
          type="email"
          name="new_email"
          autoComplete="email"
          label={translate('profile.new_email')}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={Boolean(problems['email'])}
          helperText={problems['email']}
        />
        <CurrentPasswordField
          name="email_current_password"
          value={current}
          onChange={setCurrent}
          problem={problems['current_password']}
        />
        <Button variant="outlined" disabled={!ready || busy} onClick={save}>
          {translate('profile.change_email')}
        </Button>
      </CardContent>
    </Card>
  );
}
