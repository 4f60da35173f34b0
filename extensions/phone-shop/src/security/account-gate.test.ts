import { describe, expect, it } from 'vitest';
import { isTwoFactorSetupPath, issuedAtOf, judge, type GateRow } from './account-gate.ts';

const row = (over: Partial<GateRow> = {}): GateRow => ({
  status: 'active',
  shop: 1,
  two_factor: false,
  tokens_valid_after: null,
  require_two_factor: [],
  address_allowed: true,
  ...over,
});
const facts = {
  role: 'Supervisor' as const,
  issuedAt: 1_000_000,
  method: 'GET',
  path: '/items/sales',
  shopAccount: true,
};
const jwt = (claims: Record<string, unknown>): string =>
  `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.y`;

describe('the account gate', () => {
  it('lets an active account with a current token through', () => {
    expect(judge(row(), facts)).toBe('ok');
  });

  it('stops a suspended account, a token made before a revocation, a refused address', () => {
    expect(judge(row({ status: 'suspended' }), facts)).toBe('suspended');
    expect(judge(null, facts)).toBe('suspended');
    expect(judge(row({ tokens_valid_after: 1_000_001 }), facts)).toBe('token-revoked');
    expect(judge(row({ tokens_valid_after: 1_000_000 }), facts)).toBe('ok');
    expect(judge(row({ address_allowed: false }), facts)).toBe('address-not-allowed');
    expect(judge(row({ address_allowed: false }), { ...facts, shopAccount: false })).toBe('ok');
  });

  it('holds a role that must use two-factor to its account pages until it is on', () => {
    const required = row({ require_two_factor: ['Supervisor'] });
    expect(judge(required, facts)).toBe('two-factor-required');
    expect(judge(required, { ...facts, role: 'Staff' })).toBe('ok');
    expect(judge({ ...required, two_factor: true }, facts)).toBe('ok');
    expect(judge(required, { ...facts, path: '/api/account/two-factor/setup', method: 'POST' })).toBe('ok');
    expect(isTwoFactorSetupPath('GET', '/users/me')).toBe(true);
    expect(isTwoFactorSetupPath('PATCH', '/users/me')).toBe(false);
  });

  it('reads when a token was made, to the millisecond when it says so', () => {
    expect(issuedAtOf(jwt({ iat: 1_700_000_000, issued_at_ms: 1_700_000_000_123 }))).toBe(1_700_000_000_123);
    expect(issuedAtOf(jwt({ iat: 1_700_000_000 }))).toBe(1_700_000_000_000);
    expect(issuedAtOf('not-a-token')).toBeNull();
    expect(issuedAtOf(null)).toBeNull();
  });
});
