// Everyone's own profile: name, phone, language and password (PATCH /users/me).
import { Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { updateMe } from '@directus/sdk';
import { useState } from 'react';
import { LocalesMenuButton, Title, useNotify, useTranslate } from 'react-admin';
import { directus, sdk } from '../api/client.ts';
import { identity, loadIdentity } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';

export default function ProfilePage() {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const me = identity();
  const [firstName, setFirstName] = useState(me?.firstName ?? '');
  const [lastName, setLastName] = useState(me?.lastName ?? '');
  const [password, setPassword] = useState('');
  const save = () => {
    const changes: Record<string, string> = { first_name: firstName, last_name: lastName };
    if (password) changes['password'] = password;
    sdk(() => directus.request(updateMe(changes as never)))
      .then(() => loadIdentity())
      .then(() => {
        setPassword('');
        notify('profile.saved', { type: 'success' });
      })
      .catch(showError);
  };
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('profile.title')} />
      <Card sx={{ maxWidth: 520 }}>
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
          <TextField
            type="password"
            label={translate('profile.password')}
            helperText={translate('profile.password_hint')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
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
    </Box>
  );
}
