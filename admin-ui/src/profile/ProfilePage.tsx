// Everyone's own profile: name and language; the account's security (password, e-mail, two-factor
// authentication with its recovery codes, the devices signed in). A shop that requires two-factor
// for the role sends an account without it here (#two-factor), the only pages that work until then.
import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { updateMe } from '@directus/sdk';
import { useEffect, useState } from 'react';
import { LocalesMenuButton, Title, useNotify, useTranslate } from 'react-admin';
import { useLocation } from 'react-router-dom';
import { directus, sdk, TWO_FACTOR_REQUIRED } from '../api/client.ts';
import { identity, loadIdentity } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { useAccountSecurity } from './account.ts';
import { EmailCard, PasswordCard } from './CredentialsCards.tsx';
import { SessionsCard } from './SessionsCard.tsx';
import { TwoFactorCard } from './TwoFactorCard.tsx';

function DetailsCard() {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const me = identity();
  const [firstName, setFirstName] = useState(me?.firstName ?? '');
  const [lastName, setLastName] = useState(me?.lastName ?? '');
  const save = () => {
    sdk(() => directus.request(updateMe({ first_name: firstName, last_name: lastName } as never)))
      .then(() => loadIdentity())
      .then(() => notify('profile.saved', { type: 'success' }))
      .catch(showError);
  };
  return (
    <Card>
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Typography>
          {me?.email} · {translate(`app.role.${me?.role ?? 'Staff'}`)} · {me?.shop.name}
        </Typography>
        <TextField
          label={translate('resources.staff.fields.first_name')}
          value={firstName}
          onChange={(e) => setFirstName(e.target.value)}
        />
        <TextField
          label={translate('resources.staff.fields.last_name')}
          value={lastName}
          onChange={(e) => setLastName(e.target.value)}
        />
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography>{translate('app.language')}</Typography>
          <LocalesMenuButton />
        </Box>
        <Button variant="contained" onClick={save}>
          {translate('ra.action.save')}
        </Button>
      </CardContent>
    </Card>
  );
}

export default function ProfilePage() {
  const translate = useTranslate();
  const { hash } = useLocation();
  const { security, reload } = useAccountSecurity();
  const status = security?.two_factor;
  const mustTurnOn = status ? status.required && !status.enabled : false;

  // Sent here by a refused request (two-factor required): read the status again and show it.
  useEffect(() => {
    window.addEventListener(TWO_FACTOR_REQUIRED, reload);
    return () => window.removeEventListener(TWO_FACTOR_REQUIRED, reload);
  }, [reload]);
  useEffect(() => {
    if (hash === '#two-factor' && security) document.getElementById('two-factor')?.scrollIntoView();
  }, [hash, security]);

  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, display: 'grid', gap: 2, maxWidth: 640 }}>
      <Title title={translate('profile.title')} />
      <Box sx={{ order: 2 }}>
        <DetailsCard />
      </Box>
      {/* First while it must be turned on; the same element throughout, so its dialogs stay open. */}
      <Box id="two-factor" sx={{ order: mustTurnOn ? 1 : 3, display: 'grid', gap: 2, scrollMarginTop: 72 }}>
        {mustTurnOn && (
          <Alert severity="warning" data-testid="two-factor-banner">
            {translate('profile.two_factor.required_page')}
          </Alert>
        )}
        <TwoFactorCard security={security} onChange={reload} />
      </Box>
      <Box sx={{ order: 4 }}>
        <PasswordCard />
      </Box>
      <Box sx={{ order: 5 }}>
        <EmailCard email={security?.email ?? identity()?.email ?? null} />
      </Box>
      <Box sx={{ order: 6 }}>
        <SessionsCard />
      </Box>
    </Box>
  );
}
