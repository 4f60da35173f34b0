// Headers on every kind of answer: the API (JSON, errors, 401, 404), the app's pages and files,
// Studio, stored files, health checks. No X-Powered-By; nosniff, a referrer policy and a
// permissions policy everywhere; the app's own strict Content Security Policy (no eval, no other
// origin); Studio keeps Directus's.
import { describe, expect, it } from 'vitest';
import { as } from '../support/context.ts';
import { from, newMember, tokensOf } from './support.ts';

describe('response headers', () => {
  it('carry the same protections on every kind of answer, and never name the software', async () => {
    const member = await newMember('Owner', 'headers');
    const caller = from('127.0.60.1');
    const { access_token } = await tokensOf(caller, member);
    const owner = await as('kampalaOwner');
    const upload = new FormData();
    upload.append('purpose', 'document');
    upload.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'r.pdf');
    const stored = await fetch(`${owner.baseUrl}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}` },
      body: upload,
    });
    const fileId = ((await stored.json()) as { data: { id: string } }).data.id;

    const answers = {
      'api json': await caller.request('GET', '/api/sales?limit=1', { token: access_token }),
      'items json': await caller.request('GET', '/items/products?limit=1', { token: access_token }),
      'api error 400': await caller.request('POST', '/api/sales', { token: access_token, body: {} }),
      'anonymous 401/403': await caller.request('GET', '/items/sales'),
      'not found 404': await caller.request('GET', '/no-such-route'),
      'app page': await caller.request('GET', '/app/'),
      'app route': await caller.request('GET', '/app/pos'),
      'studio page': await caller.request('GET', '/admin/'),
      health: await caller.request('GET', '/server/health'),
      'stored file': await caller.request('GET', `/assets/${fileId}`, { token: access_token }),
    };
    for (const [kind, answer] of Object.entries(answers)) {
      expect(answer.headers.get('x-powered-by'), kind).toBeNull();
      expect(answer.headers.get('x-content-type-options'), kind).toBe('nosniff');
      expect(answer.headers.get('referrer-policy'), kind).toBe('strict-origin-when-cross-origin');
      expect(answer.headers.get('permissions-policy'), kind).toContain('geolocation=()');
      expect(answer.headers.get('permissions-policy'), kind).toContain('camera=(self)');
      // Plain HTTP here: HSTS is sent only over TLS (security/headers.test.ts checks that case).
      expect(answer.headers.get('strict-transport-security'), kind).toBeNull();
    }
    expect(answers['anonymous 401/403'].status).toBeGreaterThanOrEqual(401);
    expect(answers['stored file'].status).toBe(200);

    for (const kind of ['app page', 'app route'] as const) {
      const policy = answers[kind].headers.get('content-security-policy') ?? '';
      expect(policy, kind).toContain("script-src 'self'");
      expect(policy, kind).not.toContain('unsafe-eval');
      expect(policy, kind).not.toContain('https://*');
      expect(policy, kind).toMatch(/connect-src 'self'( [^;]*)?;/);
      expect(policy, kind).toContain("frame-ancestors 'none'");
      expect(policy, kind).toContain("object-src 'none'");
    }
    // Studio keeps Directus's own policy, which its extensions need.
    expect(answers['studio page'].headers.get('content-security-policy')).toContain('unsafe-eval');
  });
});
