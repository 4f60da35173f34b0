// One webhook as a card (the list shows one per webhook, its page one on top of its log): where it
// sends, what, whether it is on (and why the server turned it off), how its deliveries go, and its
// actions: on/off, send a test, edit, a new secret, delete. Times are the shop's.
import {
  Alert,
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  FormControlLabel,
  Switch,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Confirm, useLocale, useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useApiError } from '../api/useApiError.ts';
import { formatDateTime } from '../format/format.ts';
import type { ShownSecret } from './SecretDialog.tsx';
import { WebhookDialog } from './WebhookInputs.tsx';
import {
  allEvents,
  previousSecretValid,
  webhooksApi,
  type Attempt,
  type EventType,
  type Webhook,
} from './webhooks.ts';

/** An attempt's outcome in a few words: "HTTP 500 · 40 ms · connection refused". */
export function useAttemptSummary(): (attempt: Attempt) => string {
  const translate = useTranslate();
  return (attempt) =>
    [
      attempt.response_status === null
        ? translate('webhooks.log.no_answer')
        : translate('webhooks.log.http', { status: attempt.response_status }),
      attempt.duration_ms === null ? null : translate('webhooks.log.duration', { ms: attempt.duration_ms }),
      attempt.error,
    ]
      .filter(Boolean)
      .join(' · ');
}

function Fact({ label, children, warn = false }: { label: string; children: ReactNode; warn?: boolean }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography component="dt" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }} color={warn ? 'error' : 'text.primary'}>
        {children}
      </Typography>
    </Box>
  );
}

export function WebhookCard({
  webhook,
  eventTypes,
  showLogLink,
  onChange,
  onDeleted,
  onSecret,
  onTested,
}: {
  webhook: Webhook;
  eventTypes: readonly EventType[] | null;
  /** On the list: a link to its page with the delivery log. */
  showLogLink: boolean;
  onChange: (webhook: Webhook) => void;
  onDeleted: () => void;
  onSecret: (shown: ShownSecret) => void;
  onTested?: () => void;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const showError = useApiError();
  const summary = useAttemptSummary();
  const [dialog, setDialog] = useState<'edit' | 'rotate' | 'delete' | null>(null);
  const [busy, setBusy] = useState<'active' | 'test' | 'rotate' | 'delete' | null>(null);
  // The test's attempt; 'sent' when the server could not answer it (then the log shows it).
  const [tested, setTested] = useState<Attempt | 'sent' | null>(null);
  const time = (value: string | null) => formatDateTime(value, locale);
  const { health } = webhook;

  const setActive = (isActive: boolean) => {
    setBusy('active');
    webhooksApi
      .update(webhook.id, { is_active: isActive })
      .then((updated) => {
        onChange(updated);
        notify(isActive ? 'webhooks.turned_on' : 'webhooks.turned_off', { type: 'info' });
      })
      .catch(showError)
      .finally(() => setBusy(null));
  };
  const test = () => {
    setBusy('test');
    setTested(null);
    webhooksApi
      .test(webhook.id)
      .then((attempt) => {
        setTested(attempt ?? 'sent');
        onTested?.();
      })
      .catch(showError)
      .finally(() => setBusy(null));
  };
  const rotate = () => {
    setBusy('rotate');
    webhooksApi
      .rotateSecret(webhook.id)
      .then(({ secret, ...updated }) => {
        setDialog(null);
        onChange(updated);
        onSecret({ secret, reason: 'rotated' });
      })
      .catch(showError)
      .finally(() => setBusy(null));
  };
  const remove = () => {
    setBusy('delete');
    webhooksApi
      .remove(webhook.id)
      .then(() => {
        setDialog(null);
        notify('webhooks.deleted', { type: 'info' });
        onDeleted();
      })
      .catch(showError)
      .finally(() => setBusy(null));
  };

  return (
    <Card data-testid="webhook-card" data-webhook-id={String(webhook.id)}>
      <CardContent sx={{ display: 'grid', gap: 1.5 }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography
              data-testid="webhook-url"
              sx={{ fontWeight: 600, fontFamily: 'monospace', overflowWrap: 'anywhere' }}
            >
              {webhook.url}
            </Typography>
            {webhook.description && (
              <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                {webhook.description}
              </Typography>
            )}
          </Box>
          <Chip
            size="small"
            data-testid="webhook-state"
            color={webhook.is_active ? 'success' : 'default'}
            variant={webhook.is_active ? 'filled' : 'outlined'}
            label={translate(webhook.is_active ? 'webhooks.active' : 'webhooks.disabled')}
          />
        </Box>

        {!webhook.is_active && webhook.disabled_reason && (
          <Alert severity="warning" data-testid="webhook-disabled-reason">
            {translate('webhooks.auto_disabled', {
              time: time(webhook.disabled_at),
              reason: webhook.disabled_reason,
            })}
          </Alert>
        )}

        <Box
          sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}
          aria-label={translate('webhooks.fields.events')}
        >
          {allEvents(webhook.events) ? (
            <Chip size="small" label={translate('webhooks.events_all')} />
          ) : (
            webhook.events.map((type) => (
              <Chip
                key={type}
                size="small"
                variant="outlined"
                label={type}
                sx={{ fontFamily: 'monospace' }}
              />
            ))
          )}
        </Box>

        <Box
          component="dl"
          data-testid="webhook-health"
          sx={{ m: 0, display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr 1fr', sm: 'repeat(4, 1fr)' } }}
        >
          <Fact label={translate('webhooks.health.last_success')}>
            {health.last_success_at ? time(health.last_success_at) : translate('webhooks.health.never')}
          </Fact>
          <Fact label={translate('webhooks.health.last_failure')}>
            {health.last_failure_at ? time(health.last_failure_at) : translate('webhooks.health.never')}
          </Fact>
          <Fact label={translate('webhooks.health.streak')} warn={health.failure_streak > 0}>
            {health.failure_streak}
            {health.failing_since &&
              ` · ${translate('webhooks.health.since', { time: time(health.failing_since) })}`}
          </Fact>
          <Fact label={translate('webhooks.health.queue')} warn={health.dead > 0}>
            {translate('webhooks.health.pending_dead', { pending: health.pending, dead: health.dead })}
          </Fact>
        </Box>

        <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          {translate('webhooks.secret_hint', { hint: webhook.secret_hint })}
          {previousSecretValid(webhook) &&
            ` · ${translate('webhooks.previous_secret', { time: time(webhook.previous_secret_expires_at) })}`}
        </Typography>

        {tested === 'sent' && (
          <Alert severity="info" data-testid="webhook-test-result" onClose={() => setTested(null)}>
            {translate('webhooks.test_sent')}
          </Alert>
        )}
        {tested && tested !== 'sent' && (
          <Alert
            severity={tested.status === 'delivered' ? 'success' : 'error'}
            data-testid="webhook-test-result"
            onClose={() => setTested(null)}
            sx={{ overflowWrap: 'anywhere' }}
          >
            {translate(tested.status === 'delivered' ? 'webhooks.test_delivered' : 'webhooks.test_failed', {
              result: summary(tested),
            })}
          </Alert>
        )}
      </CardContent>

      <CardActions
        sx={{ flexWrap: 'wrap', gap: 0.5, px: 2, pb: 2, '& > :not(style) ~ :not(style)': { ml: 0 } }}
      >
        <FormControlLabel
          sx={{ mr: 1 }}
          control={
            <Switch
              name="is_active"
              checked={webhook.is_active}
              disabled={busy !== null}
              onChange={(e) => setActive(e.target.checked)}
            />
          }
          label={translate('webhooks.actions.active')}
        />
        {showLogLink && (
          <Button component={Link} to={`/settings/webhooks/${encodeURIComponent(String(webhook.id))}`}>
            {translate('webhooks.actions.log')}
          </Button>
        )}
        <Button disabled={busy !== null} onClick={test}>
          {translate('webhooks.actions.test')}
        </Button>
        <Button disabled={busy !== null} onClick={() => setDialog('edit')}>
          {translate('ra.action.edit')}
        </Button>
        <Button disabled={busy !== null} onClick={() => setDialog('rotate')}>
          {translate('webhooks.actions.rotate')}
        </Button>
        <Button color="error" disabled={busy !== null} onClick={() => setDialog('delete')}>
          {translate('ra.action.delete')}
        </Button>
      </CardActions>

      {dialog === 'edit' && (
        <WebhookDialog
          open
          webhook={webhook}
          eventTypes={eventTypes}
          save={(input) => webhooksApi.update(webhook.id, input)}
          onSaved={(updated) => {
            setDialog(null);
            onChange(updated);
            notify('webhooks.saved', { type: 'success' });
          }}
          onClose={() => setDialog(null)}
        />
      )}
      <Confirm
        isOpen={dialog === 'rotate'}
        loading={busy === 'rotate'}
        title="webhooks.rotate_title"
        content="webhooks.rotate_confirm"
        confirm="webhooks.actions.rotate"
        onConfirm={rotate}
        onClose={() => setDialog(null)}
      />
      <Confirm
        isOpen={dialog === 'delete'}
        loading={busy === 'delete'}
        title="webhooks.delete_title"
        content="webhooks.delete_confirm"
        contentTranslateOptions={{ url: webhook.url }}
        confirm="ra.action.delete"
        onConfirm={remove}
        onClose={() => setDialog(null)}
      />
    </Card>
  );
}
