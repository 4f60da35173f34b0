// The Settings page's way to the shop's webhooks: what they are for, and the link to their page.
import { Button, Card, CardContent, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';

export function WebhooksCard() {
  const translate = useTranslate();
  return (
    <Card data-testid="webhooks-card">
      <CardContent sx={{ display: 'grid', gap: 2, justifyItems: 'start' }}>
        <Typography variant="h6">{translate('webhooks.title')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('webhooks.card_explain')}
        </Typography>
        <Button variant="outlined" component={Link} to="/settings/webhooks">
          {translate('webhooks.manage')}
        </Button>
      </CardContent>
    </Card>
  );
}
