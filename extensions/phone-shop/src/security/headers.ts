// Response headers every answer carries (API, app, Studio, errors, files), and the app's own Content
// Security Policy. Studio keeps Directus's policy: its extensions need 'unsafe-eval'; the app needs
// neither eval nor any other origin.
import type { NextFunction, Request, Response } from 'express';

/** What no page of the platform uses: the browser refuses it to any script that asks. */
export const PERMISSIONS_POLICY = [
  'camera=(self)', // the till's barcode scanner
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'hid=()',
  'magnetometer=()',
  'gyroscope=()',
  'accelerometer=()',
  'browsing-topics=()',
].join(', ');

/** Two years, the preload list's minimum; sent only when the request came over TLS. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * The app's policy: its own scripts only (no inline, no eval), its own API and assets, styles inline
 * (MUI's emotion writes <style> elements), images from its own /assets, data: and blob: URLs (QR
 * codes, previews), no frames, no plugins.
 */
export function appContentSecurityPolicy(publicUrl: string | undefined): string {
  const origins = new Set(["'self'"]);
  if (publicUrl) {
    try {
      const { origin, protocol, host } = new URL(publicUrl);
      origins.add(origin);
      origins.add(`${protocol === 'https:' ? 'wss' : 'ws'}://${host}`);
    } catch {
      // An unparsable PUBLIC_URL adds nothing; 'self' still serves a same-origin deployment.
    }
  }
  const connect = [...origins].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function isTls(req: Request, publicUrl: string | undefined): boolean {
  return req.secure || Boolean(publicUrl?.startsWith('https://'));
}

/**
 * Sets the common headers on every answer and keeps Directus from announcing itself: Directus sets
 * `X-Powered-By` after the extensions' first middlewares run, so the header is refused when set.
 */
export function securityHeaders(publicUrl: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) =>
      name.toLowerCase() === 'x-powered-by' ? res : setHeader(name, value);
    res.removeHeader('X-Powered-By');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    if (isTls(req, publicUrl)) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
}
