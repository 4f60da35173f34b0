// Sign-in: e-mail and password, then the two-factor code when the account has it on.
import { Box, Button, Card, CardContent, CircularProgress, TextField, Typography } from '@mui/material';
import { useState, type SyntheticEvent } from 'react';
import { LocalesMenuButton, useLogin, useNotify, useTranslate } from 'react-admin';
import { describeError } from '../api/useApiError.ts';
import { OtpRequired } from '../providers/authProvider.ts';
import { colors } from './theme.ts';

export function LoginPage() {
  const translate = useTranslate();
  const login = useLogin();
  const notify = useNotify();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [needOtp, setNeedOtp] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await login(needOtp ? { email, password, otp } : { email, password });
    } catch (error) {
      if (error instanceof OtpRequired) {
        setNeedOtp(true);
        notify(translate(error.message), { type: error.wrongCode ? 'error' : 'info' });
      } else {
        notify(describeError(error, translate), { type: 'error' });
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
            {needOtp && (
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
            <Button type="submit" variant="contained" fullWidth size="large" sx={{ mt: 2 }} disabled={busy}>
              {busy ? <CircularProgress size={24} color="inherit" /> : translate('pos.auth.sign_in')}
            </Button>
          </form>
        </CardContent>
      </Card>
    </Box>
  );
}
