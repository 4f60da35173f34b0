// One webhook's delivery log, newest first: every attempt with its time, event, result (delivered or
// failed, with the HTTP status, the time it took and the error), where its event stands now, and the
// start of the receiver's answer. Further pages load with the server's cursor; an event that failed
// or was given up can be sent again.
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Collapse,
  LinearProgress,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocale, useNotify, useTranslate } from 'react-admin';
import { useApiError } from '../api/useApiError.ts';
import { formatDateTime } from '../format/format.ts';
import { useAttemptSummary } from './WebhookCard.tsx';
import {
  appendPage,
  canRetry,
  webhooksApi,
  type Attempt,
  type DeliveryState,
  type Webhook,
} from './webhooks.ts';

/** How long after a retry the log is read again: the engine sends it within about a second. */
const RETRY_REFRESH_MS = 2000;

const STATE_COLOR: Record<DeliveryState, 'default' | 'success' | 'warning' | 'error' | 'info'> = {
  pending: 'info',
  failed: 'warning',
  delivered: 'success',
  dead: 'error',
};

function AttemptRow({
  attempt,
  retryable,
  retrying,
  onRetry,
}: {
  attempt: Attempt;
  /** The webhook is on: the server refuses to retry a delivery of one that is off. */
  retryable: boolean;
  retrying: boolean;
  onRetry: () => void;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const summary = useAttemptSummary();
  const [open, setOpen] = useState(false);
  const delivered = attempt.status === 'delivered';
  return (
    <Card variant="outlined" data-testid="webhook-attempt" data-status={attempt.status}>
      <CardContent sx={{ display: 'grid', gap: 1, '&:last-child': { pb: 2 } }}>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {formatDateTime(attempt.created_at, locale)}
          </Typography>
          <Typography variant="body2" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
            {attempt.event_type}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {translate('webhooks.log.attempt', { number: attempt.attempt })}
          </Typography>
        </Box>
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          <Chip
            size="small"
            data-testid="attempt-status"
            color={delivered ? 'success' : 'error'}
            label={translate(`webhooks.log.status.${attempt.status}`)}
          />
          <Chip
            size="small"
            variant="outlined"
            data-testid="delivery-state"
            color={STATE_COLOR[attempt.delivery_status]}
            label={translate('webhooks.log.delivery', {
              state: translate(`webhooks.log.state.${attempt.delivery_status}`, {
                _: attempt.delivery_status,
              }),
            })}
          />
        </Box>
        <Typography
          variant="body2"
          color={delivered ? 'text.primary' : 'error'}
          sx={{ overflowWrap: 'anywhere' }}
        >
          {summary(attempt)}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {attempt.response_body !== null && attempt.response_body !== '' && (
            <Button size="small" aria-expanded={open} onClick={() => setOpen(!open)}>
              {translate(open ? 'webhooks.log.hide_response' : 'webhooks.log.show_response')}
            </Button>
          )}
          {canRetry(attempt) && (
            <Button size="small" variant="outlined" disabled={retrying || !retryable} onClick={onRetry}>
              {translate('webhooks.log.retry')}
            </Button>
          )}
          {canRetry(attempt) && !retryable && (
            <Typography variant="caption" color="text.secondary" sx={{ alignSelf: 'center' }}>
              {translate('webhooks.log.retry_when_on')}
            </Typography>
          )}
        </Box>
        <Collapse in={open} unmountOnExit>
          <Box
            component="pre"
            data-testid="attempt-response"
            sx={{
              m: 0,
              p: 1,
              bgcolor: 'grey.100',
              borderRadius: 1,
              fontSize: '0.8rem',
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              maxHeight: 240,
              overflowY: 'auto',
            }}
          >
            {attempt.response_body}
          </Box>
        </Collapse>
      </CardContent>
    </Card>
  );
}

/**
 * The log of a webhook. It is read again from its newest attempt when `version` changes (after a test
 * sent from the card above it); `onRetried` is told when a retry went out, and again once it had
 * time to be delivered, for the card's health to be read again.
 */
export function DeliveryLog({
  webhookId,
  active,
  version = 0,
  onRetried,
}: {
  webhookId: Webhook['id'];
  active: boolean;
  version?: number;
  onRetried?: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [items, setItems] = useState<Attempt[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [retrying, setRetrying] = useState<Attempt['delivery_id'] | null>(null);
  // Each reading is numbered: an answer that comes after a newer reading began is dropped.
  const reading = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const reload = useCallback(() => {
    const mine = ++reading.current;
    setLoading(true);
    webhooksApi
      .logs(webhookId, null)
      .then((page) => {
        if (mine !== reading.current) return;
        setItems(page.items);
        setCursor(page.next_cursor);
      })
      .catch(showError)
      .finally(() => {
        if (mine === reading.current) setLoading(false);
      });
  }, [webhookId, showError]);
  useEffect(reload, [reload, version]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const more = () => {
    if (!cursor) return;
    const mine = ++reading.current;
    setLoading(true);
    webhooksApi
      .logs(webhookId, cursor)
      .then((page) => {
        if (mine !== reading.current) return;
        setItems((shown) => appendPage(shown ?? [], page.items));
        setCursor(page.next_cursor);
      })
      .catch(showError)
      .finally(() => {
        if (mine === reading.current) setLoading(false);
      });
  };
  const retry = (attempt: Attempt) => {
    setRetrying(attempt.delivery_id);
    webhooksApi
      .retry(attempt.delivery_id)
      .then(() => {
        notify('webhooks.log.retried', { type: 'info' });
        reload();
        onRetried?.();
        clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          reload();
          onRetried?.();
        }, RETRY_REFRESH_MS);
      })
      .catch(showError)
      .finally(() => setRetrying(null));
  };

  return (
    <Box sx={{ display: 'grid', gap: 1 }} data-testid="delivery-log">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {translate('webhooks.log.title')}
        </Typography>
        <Button onClick={reload} disabled={loading}>
          {translate('ra.action.refresh')}
        </Button>
      </Box>
      {loading && <LinearProgress />}
      {items?.length === 0 && <Alert severity="info">{translate('webhooks.log.empty')}</Alert>}
      {items?.map((attempt) => (
        <AttemptRow
          key={attempt.id}
          attempt={attempt}
          retryable={active}
          retrying={retrying !== null}
          onRetry={() => retry(attempt)}
        />
      ))}
      {cursor && (
        <Button variant="outlined" disabled={loading} onClick={more}>
          {translate('webhooks.log.load_more')}
        </Button>
      )}
    </Box>
  );
}
