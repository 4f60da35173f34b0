// Two-factor authentication of one's own account: its status and the recovery codes left; turning it
// on (the password, then the authenticator app scans a QR code or takes the key by hand, then one of
// its codes confirms it, and the recovery codes are shown once); turning it off and making new
// recovery codes, each with a code from the app or a recovery code. When the shop requires it for
// the role and it is off, the page says so first: only the account pages work until it is on.
import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api, ApiError, isSessionWide } from '../api/client.ts';
import { describeError } from '../api/useApiError.ts';
import { CodesLeft, RecoveryCodesDialog } from './RecoveryCodes.tsx';
import { groupedKey, normaliseCode, type AccountSecurity } from './security.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A refusal's sentence, or null for one the app tells itself (too many requests...). */
function problemOf(error: unknown, translate: Translate): string | null {
  if (error instanceof ApiError && isSessionWide(error)) return null;
  return describeError(error, translate);
}

type Setup = { step: 'password' } | { step: 'scan'; secret: string; qr: string | null };

/** Turning it on: password → QR code and key → a code from the app → the recovery codes. */
function SetupDialog({
  open,
  onClose,
  onEnabled,
}: {
  open: boolean;
  onClose: () => void;
  onEnabled: (codes: string[]) => void;
}) {
  const translate = useTranslate();
  const [setup, setSetup] = useState<Setup>({ step: 'password' });
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setSetup({ step: 'password' });
    setPassword('');
    setOtp('');
    setProblem(null);
    onClose();
  };
  const start = () => {
    setBusy(true);
    setProblem(null);
    api<{ secret: string; otpauth_url: string }>('/api/account/two-factor/setup', {
      method: 'POST',
      body: { password },
    })
      .then(async ({ secret, otpauth_url }) => {
        setPassword('');
        // The QR code's library is loaded only here, when someone turns two-factor on.
        const qr = await import('qrcode')
          .then(({ default: QRCode }) => QRCode.toDataURL(otpauth_url, { margin: 1, width: 220 }))
          .catch(() => null);
        setSetup({ step: 'scan', secret, qr });
      })
      .catch((error: unknown) => setProblem(problemOf(error, translate)))
      .finally(() => setBusy(false));
  };
  const enable = (secret: string) => {
    setBusy(true);
    setProblem(null);
    api<{ recovery_codes: string[] }>('/api/account/two-factor/enable', {
      method: 'POST',
      body: { secret, otp },
    })
      .then(({ recovery_codes }) => {
        close();
        onEnabled(recovery_codes);
      })
      .catch((error: unknown) => setProblem(problemOf(error, translate)))
      .finally(() => setBusy(false));
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="xs">
      <DialogTitle>{translate('profile.two_factor.turn_on')}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2 }}>
        {setup.step === 'password' ? (
          <>
            <Typography>{translate('profile.two_factor.password_first')}</Typography>
            <TextField
              type="password"
              name="two_factor_password"
              autoComplete="current-password"
              label={translate('profile.current_password')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={problem !== null}
              helperText={problem}
              autoFocus
            />
          </>
        ) : (
          <>
            <Typography>{translate('profile.two_factor.scan')}</Typography>
            {setup.qr && (
              <Box
                component="img"
                src={setup.qr}
                alt={translate('profile.two_factor.qr_alt')}
                sx={{ width: 220, height: 220, justifySelf: 'center' }}
              />
            )}
            <Typography variant="body2" color="text.secondary">
              {translate('profile.two_factor.key_by_hand')}
            </Typography>
            <Typography
              data-testid="two-factor-key"
              sx={{ fontFamily: 'monospace', fontSize: '1.1rem', wordBreak: 'break-all', userSelect: 'all' }}
            >
              {groupedKey(setup.secret)}
            </Typography>
            <TextField
              name="two_factor_code"
              label={translate('profile.two_factor.code')}
              autoComplete="one-time-code"
              value={otp}
              onChange={(e) => setOtp(e.target.value.replace(/\D/g, '').slice(0, 6))}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              error={problem !== null}
              helperText={problem ?? translate('profile.two_factor.code_help')}
            />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{translate('ra.action.cancel')}</Button>
        {setup.step === 'password' ? (
          <Button variant="contained" disabled={password === '' || busy} onClick={start}>
            {translate('profile.two_factor.next')}
          </Button>
        ) : (
          <Button
            variant="contained"
            disabled={otp.length !== 6 || busy}
            onClick={() => enable(setup.secret)}
          >
            {translate('profile.two_factor.confirm')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

/** A code from the app (or a recovery code) for an action: turning it off, or new recovery codes. */
function CodeDialog({
  open,
  title,
  help,
  action,
  onClose,
  onCode,
}: {
  open: boolean;
  title: string;
  help: string;
  action: string;
  onClose: () => void;
  onCode: (code: string) => Promise<void>;
}) {
  const translate = useTranslate();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const code = normaliseCode(typed);
  const close = () => {
    setTyped('');
    setProblem(null);
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="xs">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2 }}>
        <Typography>{help}</Typography>
        <TextField
          name="code"
          label={translate('profile.two_factor.code_or_recovery')}
          autoComplete="one-time-code"
          value={typed}
          onChange={(e) => setTyped(e.target.value.slice(0, 20))}
          error={problem !== null}
          helperText={problem ?? ' '}
          autoFocus
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={code === null || busy}
          onClick={() => {
            if (!code) return;
            setBusy(true);
            setProblem(null);
            onCode(code)
              .then(close)
              .catch((error: unknown) => setProblem(problemOf(error, translate)))
              .finally(() => setBusy(false));
          }}
        >
          {action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function TwoFactorCard({
  security,
  onChange,
}: {
  security: AccountSecurity | null;
  onChange: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [dialog, setDialog] = useState<'setup' | 'disable' | 'renew' | null>(null);
  // The codes just made, and whether they came with turning it on while the shop required it.
  const [codes, setCodes] = useState<{ list: string[]; opened: boolean } | null>(null);
  const status = security?.two_factor;
  const mustTurnOn = status ? status.required && !status.enabled : false;
  return (
    <Card data-testid="two-factor-card">
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" sx={{ flex: 1 }}>
            {translate('profile.two_factor.title')}
          </Typography>
          {status && (
            <Chip
              data-testid="two-factor-status"
              color={status.enabled ? 'success' : 'default'}
              label={translate(status.enabled ? 'profile.two_factor.on' : 'profile.two_factor.off')}
            />
          )}
        </Box>
        <Typography variant="body2" color="text.secondary">
          {translate('profile.two_factor.explain')}
        </Typography>
        {status?.enabled && status.required && (
          <Typography variant="body2">{translate('profile.two_factor.required_on')}</Typography>
        )}
        {status?.enabled && <CodesLeft count={status.recovery_codes_left} />}
        {status && (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {status.enabled ? (
              <>
                <Button variant="outlined" onClick={() => setDialog('renew')}>
                  {translate('profile.two_factor.new_codes')}
                </Button>
                <Button color="error" onClick={() => setDialog('disable')}>
                  {translate('profile.two_factor.turn_off')}
                </Button>
              </>
            ) : (
              <Button variant="contained" onClick={() => setDialog('setup')}>
                {translate('profile.two_factor.turn_on')}
              </Button>
            )}
          </Box>
        )}
      </CardContent>
      <SetupDialog
        open={dialog === 'setup'}
        onClose={() => setDialog(null)}
        onEnabled={(made) => {
          setCodes({ list: made, opened: mustTurnOn });
          onChange();
        }}
      />
      <CodeDialog
        open={dialog === 'disable'}
        title={translate('profile.two_factor.turn_off')}
        help={translate('profile.two_factor.turn_off_help')}
        action={translate('profile.two_factor.turn_off')}
        onClose={() => setDialog(null)}
        onCode={(code) =>
          api('/api/account/two-factor/disable', { method: 'POST', body: { code } }).then(() => {
            notify('profile.two_factor.turned_off', { type: 'info' });
            onChange();
          })
        }
      />
      <CodeDialog
        open={dialog === 'renew'}
        title={translate('profile.two_factor.new_codes')}
        help={translate('profile.two_factor.new_codes_help')}
        action={translate('profile.two_factor.make_codes')}
        onClose={() => setDialog(null)}
        onCode={(code) =>
          api<{ recovery_codes: string[] }>('/api/account/two-factor/recovery-codes', {
            method: 'POST',
            body: { code },
          }).then(({ recovery_codes }) => {
            setCodes({ list: recovery_codes, opened: false });
            onChange();
          })
        }
      />
      <RecoveryCodesDialog
        codes={codes?.list ?? null}
        onDone={() => {
          if (codes?.opened) notify('profile.two_factor.on_now_open', { type: 'success' });
          setCodes(null);
        }}
      />
    </Card>
  );
}
