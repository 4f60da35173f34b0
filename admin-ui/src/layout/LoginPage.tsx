// Sign-in: e-mail and password, then the two-factor code when the account has it on, or one of its
// recovery codes instead (sent in the code's place: the server takes either). Refusals of the
// address are told as they are: a paused sign-in (too many failed attempts, for some minutes), too
// many requests (a calm notice), an address outside the shop's networks.
import { Box, Button, Card, CardContent, CircularProgress, TextField, Typography } from '@mui/material';
import { useEffect, useState, type SyntheticEvent } from 'react';
import { LocalesMenuButton, useLogin, useNotify, useTranslate } from 'react-admin';
import { takeLoginNotice } from '../access/session.ts';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/useApiError.ts';
import { formatRecoveryCode, isRecoveryCode } from '../profile/security.ts';
import { OtpRequired } from '../providers/authProvider.ts';
import { colors } from './theme.ts';

export function LoginPage() {
  const translate = useTranslate();
  const login = useLogin();
  const notify = useNotify();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [recovery, setRecovery] = useState('');
  const [needOtp, setNeedOtp] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);
  const [busy, setBusy] = useState(false);

  // A notice left by the page that sent us here (the till, when the session ended).
  useEffect(() => {
    const notice = takeLoginNotice();
    if (notice) notify(notice, { type: 'info', autoHideDuration: 10_000 });
  }, [notify]);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (needOtp && useRecovery && !isRecoveryCode(recovery)) {
      notify('pos.auth.recovery_incomplete', { type: 'warning' });
      return;
    }
    setBusy(true);
    try {
      const code = useRecovery ? recovery : otp;
      await login(needOtp ? { email, password, otp: code } : { email, password });
    } catch (error) {
      if (error instanceof OtpRequired) {
        setNeedOtp(true);
        const message = error.wrongCode && useRecovery ? 'pos.auth.recovery_wrong' : error.message;
        notify(translate(message), { type: error.wrongCode ? 'error' : 'info' });
      } else if (error instanceof ApiError && error.code === 'RATE_LIMITED') {
        notify(describeError(error, translate), { type: 'info' });
      } else if (error instanceof ApiError && error.code === 'SIGN_IN_LOCKED') {
        notify(describeError(error, translate), { type: 'warning', autoHideDuration: 15_000 });
      } else {
        notify(describeError(error, translate), { type: 'error', autoHideDuration: 10_000 });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: `linear-gradient(160deg, ${colors.primary700}, ${colors.primary500})`,
        p: 2,
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 380 }}>
        <CardContent>
          <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography variant="h3" component="h1">
              {translate('app.name')}
            </Typography>
            <LocalesMenuButton />
          </Box>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {translate('pos.auth.welcome')}
          </Typography>
          <form onSubmit={(e) => void submit(e)}>
            <TextField
              name="email"
              type="email"
              label={translate('ra.auth.email')}
              autoComplete="username"
              fullWidth
              required
              margin="normal"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <TextField
              name="password"
              type="password"
              label={translate('ra.auth.password')}
              autoComplete="current-password"
              fullWidth
              required
              margin="normal"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            {needOtp && !useRecovery && (
              <TextField
                name="otp"
                label={translate('pos.auth.otp')}
                helperText={translate('pos.auth.otp_required')}
                autoComplete="one-time-code"
                inputMode="numeric"
                fullWidth
                required
                autoFocus
                margin="normal"
                value={otp}
                onChange={(e) => setOtp(e.target.value.replace(/\D/g, '').slice(0, 6))}
              />
            )}
            {needOtp && useRecovery && (
              <TextField
                name="recovery_code"
                label={translate('pos.auth.recovery')}
                helperText={translate('pos.auth.recovery_help')}
                autoComplete="off"
                placeholder="XXXXX-XXXXX"
                fullWidth
                required
                autoFocus
                margin="normal"
                value={recovery}
                onChange={(e) => setRecovery(formatRecoveryCode(e.target.value))}
                slotProps={{ htmlInput: { autoCapitalize: 'characters', spellCheck: false } }}
              />
            )}
            {needOtp && (
              <Button size="small" onClick={() => setUseRecovery(!useRecovery)} sx={{ mt: 0.5 }}>
                {translate(useRecovery ? 'pos.auth.use_otp' : 'pos.auth.use_recovery')}
              </Button>
            )}
            <Button type="submit" variant="contained" fullWidth size="large" sx={{ mt: 2 }} disabled={busy}>
              {busy ? <CircularProgress size={24} color="inherit" /> : translate('pos.auth.sign_in')}
            </Button>
          </form>
        </CardContent>
      </Card>
    </Box>
  );
}
