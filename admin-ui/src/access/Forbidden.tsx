// What a forbidden URL shows: a clear message naming the role, never a blank page.
import LockIcon from '@mui/icons-material/LockOutlined';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Loading, useCanAccess, useTranslate } from 'react-admin';
import { identity } from './session.ts';

export function Forbidden() {
  const translate = useTranslate();
  const role = identity()?.role ?? 'Staff';
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', mt: 4, px: 2 }} data-testid="forbidden">
      <Card sx={{ maxWidth: 480 }}>
        <CardContent sx={{ textAlign: 'center' }}>
          <LockIcon color="error" sx={{ fontSize: 48 }} />
          <Typography variant="h4" component="h1" gutterBottom>
            {translate('app.forbidden.title')}
          </Typography>
          <Typography sx={{ mb: 2 }}>
            {translate('app.forbidden.message', { role: translate(`app.role.${role}`) })}
          </Typography>
          <Button variant="contained" component={Link} to="/">
            {translate('app.forbidden.back')}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}

/** Renders a custom page only for roles the matrix allows; the forbidden message otherwise. */
export function Guard({
  resource,
  action,
  children,
}: {
  resource: string;
  action: string;
  children: ReactNode;
}) {
  const { canAccess, isPending } = useCanAccess({ resource, action });
  if (isPending) return <Loading />;
  return canAccess ? children : <Forbidden />;
}
