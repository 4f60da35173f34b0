// The shop's outgoing webhooks over the API (/api/webhooks/*): their shapes, the calls, and the
// small rules of the screens (which events are picked, which refusal belongs to which field, which
// attempts may be sent again), kept here apart from React so that they are tested alone.
import { api } from '../api/client.ts';

/** What the server sends every event to when a webhook subscribes to all of them. */
export const ALL_EVENTS = '*';

export interface WebhookHealth {
  last_success_at: string | null;
  last_failure_at: string | null;
  failure_streak: number;
  failing_since: string | null;
  pending: number;
  dead: number;
}

export interface Webhook {
  id: number;
  url: string;
  description: string | null;
  events: string[];
  is_active: boolean;
  created_at: string;
  updated_at: string | null;
  /** The secret's start and end ("whsec_…Ab3d"): the secret itself is shown once only. */
  secret_hint: string;
  /** Until when the secret before the last rotation still signs, alongside the new one. */
  previous_secret_expires_at: string | null;
  disabled_at: string | null;
  /** Why the server turned it off by itself (deliveries failing for days); null otherwise. */
  disabled_reason: string | null;
  health: WebhookHealth;
}

/** A webhook as created or after a rotation: the only answers that carry its secret. */
export type WebhookWithSecret = Webhook & { secret: string };

export interface EventType {
  type: string;
  description: string;
  example?: unknown;
  /** False for `webhook.test`, which only the test action sends. */
  subscribable?: boolean;
  /** An event of the catalogue the platform does not send yet (subscription payments). */
  planned?: boolean;
}

export type DeliveryState = 'pending' | 'failed' | 'delivered' | 'dead';

export interface Attempt {
  id: number;
  delivery_id: number;
  event_id: string;
  event_type: string;
  attempt: number;
  status: 'delivered' | 'failed';
  response_status: number | null;
  /** The first kilobyte of the receiver's answer. */
  response_body: string | null;
  error: string | null;
  duration_ms: number | null;
  created_at: string;
  delivery_status: DeliveryState;
}

export interface AttemptPage {
  items: Attempt[];
  next_cursor: string | null;
}

export interface WebhookInput {
  url: string;
  description: string | null;
  events: string[];
}

const path = (id: Webhook['id']): string => `/api/webhooks/${encodeURIComponent(String(id))}`;

export const webhooksApi = {
  list: () => api<Webhook[]>('/api/webhooks'),
  eventTypes: () => api<EventType[]>('/api/webhooks/event-types'),
  get: (id: Webhook['id']) => api<Webhook>(path(id)),
  create: (input: WebhookInput) => api<WebhookWithSecret>('/api/webhooks', { method: 'POST', body: input }),
  update: (id: Webhook['id'], changes: Partial<WebhookInput & { is_active: boolean }>) =>
    api<Webhook>(path(id), { method: 'PUT', body: changes }),
  remove: (id: Webhook['id']) => api<{ id: Webhook['id'] }>(path(id), { method: 'DELETE' }),
  rotateSecret: (id: Webhook['id']) =>
    api<WebhookWithSecret>(`${path(id)}/rotate-secret`, { method: 'POST' }),
  /** The test's attempt (null in the rare case its log row cannot be read back). */
  test: (id: Webhook['id']) => api<Attempt | null>(`${path(id)}/test`, { method: 'POST' }),
  logs: (id: Webhook['id'], cursor: string | null, limit = 50) =>
    api<AttemptPage>(`${path(id)}/logs`, { query: { limit, cursor } }),
  retry: (deliveryId: Attempt['delivery_id']) =>
    api<{ id: Attempt['delivery_id']; status: DeliveryState; attempts: number; next_attempt_at: string }>(
      `/api/webhook-deliveries/${encodeURIComponent(String(deliveryId))}/retry`,
      { method: 'POST' },
    ),
};

/** The event types a webhook can subscribe to, in the catalogue's order. */
export const subscribable = (types: readonly EventType[]): EventType[] =>
  types.filter((t) => t.subscribable !== false);

/** The events after ticking or unticking one: "all events" stands alone, and unticked is none. */
export function pickEvent(selected: readonly string[], type: string, on: boolean): string[] {
  if (type === ALL_EVENTS) return on ? [ALL_EVENTS] : [];
  const rest = selected.filter((t) => t !== type && t !== ALL_EVENTS);
  return on ? [...rest, type] : rest;
}

export const allEvents = (selected: readonly string[]): boolean => selected.includes(ALL_EVENTS);

/** The fields of the webhook's form; a refusal about another one is told as a notice. */
export const WEBHOOK_FIELDS = ['url', 'description', 'events'] as const;
export type WebhookField = (typeof WEBHOOK_FIELDS)[number];

/**
 * The server's refusals placed on the form's fields: its `details` are keyed by the field's path
 * ("url", "events[2]", "description"), or its error names one field. Answers nothing when none of
 * them is the form's, so that the caller tells the refusal another way.
 */
export function fieldProblems(
  details: Record<string, string[]> | undefined,
  field: string | undefined,
  message: string,
): Partial<Record<WebhookField, string>> {
  const problems: Partial<Record<WebhookField, string>> = {};
  const entries: [string, readonly string[]][] = Object.entries(details ?? {});
  if (entries.length === 0 && field) entries.push([field, [message]]);
  for (const [key, messages] of entries) {
    const base = key.split(/[.[]/)[0] as WebhookField;
    if (!(WEBHOOK_FIELDS as readonly string[]).includes(base)) continue;
    problems[base] = [problems[base], ...messages].filter(Boolean).join(' ');
  }
  return problems;
}

/** Whether an attempt's delivery may be sent again: it failed, for now or for good. */
export const canRetry = (attempt: Pick<Attempt, 'delivery_status'>): boolean =>
  attempt.delivery_status === 'failed' || attempt.delivery_status === 'dead';

/** The attempts after a further page: the new ones after those shown, none twice. */
export function appendPage(shown: readonly Attempt[], page: readonly Attempt[]): Attempt[] {
  const seen = new Set(shown.map((a) => String(a.id)));
  return [...shown, ...page.filter((a) => !seen.has(String(a.id)))];
}

/** Whether an older secret still signs (after a rotation, for a day). */
export const previousSecretValid = (webhook: Pick<Webhook, 'previous_secret_expires_at'>, now = Date.now()) =>
  webhook.previous_secret_expires_at !== null && Date.parse(webhook.previous_secret_expires_at) > now;
