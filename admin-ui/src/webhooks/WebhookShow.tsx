// One webhook's page (/settings/webhooks/:id, Owners; linked from its card and shareable): its card
// on top, with the same actions as in the list, and its delivery log below. A test sent from here
// shows in the log at once; a retry reads the card's health again.
import { Alert, Box, LinearProgress } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { SecretDialog, type ShownSecret } from './SecretDialog.tsx';
import { WebhookCard } from './WebhookCard.tsx';
import { useEventTypes } from './WebhookInputs.tsx';
import { WebhooksHeader } from './WebhooksHeader.tsx';
import { webhooksApi, type Webhook } from './webhooks.ts';

export default function WebhookShow() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const showError = useApiError();
  const { id = '' } = useParams();
  const eventTypes = useEventTypes();
  const [webhook, setWebhook] = useState<Webhook | null>(null);
  const [missing, setMissing] = useState(false);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [logVersion, setLogVersion] = useState(0);

  const webhookId = Number(id);
  const load = useCallback(() => {
    // An address typed by hand that names no webhook at all.
    if (!Number.isSafeInteger(webhookId) || webhookId <= 0) return setMissing(true);
    webhooksApi
      .get(webhookId)
      .then(setWebhook)
      .catch((error: unknown) => {
        // Another shop's webhook is answered as a missing one (403 or 404): the same words for both.
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) setMissing(true);
        else showError(error);
      });
  }, [webhookId, showError]);
  useEffect(load, [load]);

  const list = '/settings/webhooks';
  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, display: 'grid', gap: 2, maxWidth: 960 }} data-testid="webhook-page">
      <WebhooksHeader
        back={{ to: list, label: translate('webhooks.back_to_list') }}
        title={translate('webhooks.one')}
      />
      {missing && <Alert severity="warning">{translate('webhooks.not_found')}</Alert>}
      {!missing && webhook === null && <LinearProgress />}
      {webhook && (
        <>
          <WebhookCard
            webhook={webhook}
            eventTypes={eventTypes}
            showLogLink={false}
            onChange={setWebhook}
            onDeleted={() => void navigate(list)}
            onSecret={setSecret}
            onTested={() => {
              load();
              setLogVersion((n) => n + 1);
            }}
          />
          <DeliveryLog
            webhookId={webhook.id}
            active={webhook.is_active}
            version={logVersion}
            onRetried={load}
          />
        </>
      )}
      <SecretDialog shown={secret} onDone={() => setSecret(null)} />
    </Box>
  );
}
