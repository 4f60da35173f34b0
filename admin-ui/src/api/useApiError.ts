// Turns a server refusal into a sentence for the cashier: known codes in the user's language with
// the rule's figures (stock left, discount limit), anything else with the server's own message.
// Refusals of the whole session (too many requests, two-factor required, a session ended) are told
// once by the app (access/SessionEvents.tsx), not again by each action that met them.
import { useCallback } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError, isSessionWide } from './client.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function describeError(error: unknown, translate: Translate): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const ctx = error.context ?? {};
  switch (error.code) {
    case 'NETWORK':
      return translate('app.error.NETWORK');
    case 'INSUFFICIENT_STOCK':
      return translate('app.error.INSUFFICIENT_STOCK', {
        product: ctx['product'] ?? '',
        available: ctx['available'] ?? 0,
        requested: ctx['requested'] ?? 0,
      });
    case 'DISCOUNT_NEEDS_SUPERVISOR':
      return translate('app.error.DISCOUNT_NEEDS_SUPERVISOR', {
        limit: Number(ctx['limit_bp'] ?? 1000) / 100,
      });
    case 'IDEMPOTENCY_KEY_REUSED':
      return translate('app.error.IDEMPOTENCY_KEY_REUSED');
    case 'DEVICE_NOT_AVAILABLE':
      return translate('app.error.DEVICE_NOT_AVAILABLE');
    case 'PURCHASE_ORDER_STATE':
      // Someone else received the rest or cancelled it since the page was drawn.
      return translate('app.error.PURCHASE_ORDER_STATE', { reference: ctx['reference'] ?? '' });
    case 'RATE_LIMITED':
      return translate('app.rate_limited', { seconds: Math.max(1, error.retryAfter ?? 1) });
    case 'SIGN_IN_LOCKED':
      // The minutes are the server's (its error's `minutes`); without them, its own sentence.
      return typeof ctx['minutes'] === 'number'
        ? translate('app.error.SIGN_IN_LOCKED', { minutes: ctx['minutes'] })
        : translate('app.error.generic', { message: error.message });
    case 'ADDRESS_NOT_ALLOWED':
      return translate('app.error.ADDRESS_NOT_ALLOWED');
    case 'TWO_FACTOR_REQUIRED':
      return translate('app.error.TWO_FACTOR_REQUIRED');
    case 'WRONG_PASSWORD':
      return translate('app.error.WRONG_PASSWORD');
    case 'INVALID_CODE':
      return translate('app.error.INVALID_CODE');
    default:
      return translate('app.error.generic', { message: error.message });
  }
}

export function useApiError(): (error: unknown) => void {
  const notify = useNotify();
  const translate = useTranslate();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && isSessionWide(error)) return;
      notify(describeError(error, translate), { type: 'error', autoHideDuration: 8000 });
    },
    [notify, translate],
  );
}
