// The webhook screens' rules: the event picker ("all events" alone), the server's refusals placed on
// the form's fields, which attempts may be retried, log pages joined without repeats, and whether
// the secret before a rotation still signs.
import { describe, expect, it } from 'vitest';
import {
  ALL_EVENTS,
  allEvents,
  appendPage,
  canRetry,
  fieldProblems,
  pickEvent,
  previousSecretValid,
  type Attempt,
} from './webhooks.ts';

describe('picking events', () => {
  it('adds and removes one event', () => {
    expect(pickEvent([], 'sale.created', true)).toEqual(['sale.created']);
    expect(pickEvent(['sale.created', 'repair.completed'], 'sale.created', false)).toEqual([
      'repair.completed',
    ]);
    expect(pickEvent(['sale.created'], 'sale.created', true)).toEqual(['sale.created']);
  });

  it('keeps "all events" alone: ticked it replaces the list, unticked it leaves none', () => {
    expect(pickEvent(['sale.created'], ALL_EVENTS, true)).toEqual(['*']);
    expect(pickEvent(['*'], ALL_EVENTS, false)).toEqual([]);
    expect(allEvents(['*'])).toBe(true);
    expect(allEvents(['sale.created'])).toBe(false);
  });

  it('drops "all events" when one event is ticked', () => {
    expect(pickEvent(['*'], 'sale.created', true)).toEqual(['sale.created']);
  });
});

describe("the server's refusals on the form", () => {
  it('places each detail on its field, an item of the events list on the events', () => {
    expect(
      fieldProblems(
        { url: ['Must be an https address'], 'events[1]': ['Unknown event "sale.eaten"'] },
        'url',
        'Invalid "url"',
      ),
    ).toEqual({ url: 'Must be an https address', events: 'Unknown event "sale.eaten"' });
  });

  it('joins several messages of one field', () => {
    expect(fieldProblems({ 'events[0]': ['a'], 'events[2]': ['b'] }, 'events[0]', 'x')).toEqual({
      events: 'a b',
    });
  });

  it('uses the field the error names when it has no details', () => {
    expect(fieldProblems(undefined, 'url', 'The address resolves to a private network')).toEqual({
      url: 'The address resolves to a private network',
    });
  });

  it('answers nothing for refusals about other fields, told another way', () => {
    expect(fieldProblems({ body: ['Expected an object'] }, 'body', 'x')).toEqual({});
    expect(fieldProblems(undefined, undefined, 'x')).toEqual({});
  });
});

const attempt = (id: number, delivery_status: Attempt['delivery_status']): Attempt => ({
  id,
  delivery_id: id * 10,
  event_id: `evt_${String(id)}`,
  event_type: 'sale.created',
  attempt: 1,
  status: delivery_status === 'delivered' ? 'delivered' : 'failed',
  response_status: 200,
  response_body: null,
  error: null,
  duration_ms: 12,
  created_at: '2026-01-01T00:00:00Z',
  delivery_status,
});

describe('the delivery log', () => {
  it('offers a retry for a failed or given-up delivery only', () => {
    expect(canRetry(attempt(1, 'failed'))).toBe(true);
    expect(canRetry(attempt(1, 'dead'))).toBe(true);
    expect(canRetry(attempt(1, 'pending'))).toBe(false);
    expect(canRetry(attempt(1, 'delivered'))).toBe(false);
  });

  it('appends a further page without repeating an attempt already shown', () => {
    const shown = [attempt(3, 'delivered'), attempt(2, 'failed')];
    expect(appendPage(shown, [attempt(2, 'failed'), attempt(1, 'dead')]).map((a) => a.id)).toEqual([3, 2, 1]);
  });
});

describe('the secret before a rotation', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('still signs until it expires', () => {
    expect(previousSecretValid({ previous_secret_expires_at: '2026-03-02T11:00:00Z' }, now)).toBe(true);
    expect(previousSecretValid({ previous_secret_expires_at: '2026-03-01T11:00:00Z' }, now)).toBe(false);
    expect(previousSecretValid({ previous_secret_expires_at: null }, now)).toBe(false);
  });
});
