import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { newSecret, secretHint, Signer } from './signing.ts';

describe('signatures', () => {
  it('verify with the Standard Webhooks library, for each secret in use', () => {
    const [current, previous] = [newSecret(), newSecret()];
    expect(current).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ id: 'evt_1', event: 'sale.created', data: { total_amount: 150000 } });
    const headers = new Signer().headers('evt_1', new Date(), body, [current, previous]);
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow(/No matching signature/);
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow(/No matching signature/);
  });

  it('show only a hint of a secret once it was given', () => {
    expect(secretHint('whsec_abcdefgh1234')).toBe('whsec_…1234');
  });
});
