import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { appContentSecurityPolicy, HSTS, securityHeaders } from './headers.ts';

function fakeResponse(): Response & { headers: Map<string, unknown> } {
  const headers = new Map<string, unknown>();
  const res = {
    headers,
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  return res as unknown as Response & { headers: Map<string, unknown> };
}

function run(secure: boolean, publicUrl?: string): Map<string, unknown> {
  const res = fakeResponse();
  securityHeaders(publicUrl)({ secure } as unknown as Request, res, (() => undefined) as NextFunction);
  res.setHeader('X-Powered-By', 'Directus');
  return res.headers;
}

describe('security headers', () => {
  it('set nosniff, the referrer and permissions policies, and never X-Powered-By', () => {
    const headers = run(false, 'http://localhost:8055');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(String(headers.get('permissions-policy'))).toContain('camera=(self)');
    expect(headers.has('x-powered-by')).toBe(false);
    expect(headers.has('strict-transport-security')).toBe(false);
  });

  it('send HSTS over TLS, or when the platform is public on https', () => {
    expect(run(true).get('strict-transport-security')).toBe(HSTS);
    expect(run(false, 'https://shops.example.com').get('strict-transport-security')).toBe(HSTS);
  });

  it('give the app a policy without eval or other origins', () => {
    const policy = appContentSecurityPolicy('https://shops.example.com');
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("connect-src 'self' https://shops.example.com wss://shops.example.com;");
    expect(appContentSecurityPolicy(undefined)).toContain("connect-src 'self';");
  });
});
