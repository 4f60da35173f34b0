// Turns a server refusal into a sentence for the cashier: known codes in the user's language with
// the rule's figures (stock left, discount limit), anything else with the server's own message.
import { useCallback } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError } from './client.ts';

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
    default:
      return translate('app.error.generic', { message: error.message });
  }
}

export function useApiError(): (error: unknown) => void {
  const notify = useNotify();
  const translate = useTranslate();
  return useCallback(
    (error: unknown) => notify(describeError(error, translate), { type: 'error', autoHideDuration: 8000 }),
    [notify, translate],
  );
}
