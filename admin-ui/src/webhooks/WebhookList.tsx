// Settings › Webhooks (/settings/webhooks, Owners): the shop's webhooks, one card each with its
// health and actions, and "Add webhook". A new webhook's secret is shown once, in a dialog.
import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useApiError } from '../api/useApiError.ts';
import { SecretDialog, type ShownSecret } from './SecretDialog.tsx';
import { WebhookCard } from './WebhookCard.tsx';
import { useEventTypes, WebhookDialog } from './WebhookInputs.tsx';
import { WebhooksHeader } from './WebhooksHeader.tsx';
import { webhooksApi, type Webhook } from './webhooks.ts';

export default function WebhookList() {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const eventTypes = useEventTypes();
  const [webhooks, setWebhooks] = useState<Webhook[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<ShownSecret | null>(null);

  const load = useCallback(() => {
    webhooksApi.list().then(setWebhooks).catch(showError);
  }, [showError]);
  useEffect(load, [load]);

  const replace = (updated: Webhook) =>
    setWebhooks((list) => list?.map((w) => (String(w.id) === String(updated.id) ? updated : w)) ?? null);

  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, display: 'grid', gap: 2, maxWidth: 960 }} data-testid="webhooks-page">
      <WebhooksHeader
        back={{ to: '/settings', label: translate('settings.title') }}
        title={translate('webhooks.title')}
        action={
          <Button variant="contained" onClick={() => setCreating(true)}>
            {translate('webhooks.add')}
          </Button>
        }
      />
      <Typography variant="body2" color="text.secondary">
        {translate('webhooks.explain')}
      </Typography>
      {webhooks === null && <LinearProgress />}
      {webhooks?.length === 0 && <Alert severity="info">{translate('webhooks.empty')}</Alert>}
      {webhooks?.map((webhook) => (
        <WebhookCard
          key={webhook.id}
          webhook={webhook}
          eventTypes={eventTypes}
          showLogLink
          onChange={replace}
          onDeleted={load}
          onSecret={setSecret}
          onTested={load}
        />
      ))}
      {creating && (
        <WebhookDialog
          open
          webhook={null}
          eventTypes={eventTypes}
          save={(input) => webhooksApi.create(input)}
          onSaved={({ secret: made, ...created }) => {
            setCreating(false);
            setWebhooks((list) => [...(list ?? []), created]);
            notify('webhooks.created', { type: 'success' });
            setSecret({ secret: made, reason: 'created' });
          }}
          onClose={() => setCreating(false)}
        />
      )}
      <SecretDialog shown={secret} onDone={() => setSecret(null)} />
    </Box>
  );
}
