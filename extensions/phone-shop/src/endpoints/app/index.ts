// Serves the built front end (admin-ui/dist) at /app from the same origin as the API, so that the app
// needs no CORS and its tokens never cross origins. Hashed assets are cached for good; the page and
// the service worker are revalidated on every load so that a new release reaches shops at once.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { defineEndpoint } from '@directus/extensions-sdk';
import { appContentSecurityPolicy } from '../../security/headers.ts';

/** Files of the app shell that must never be served stale. */
const REVALIDATED = new Set(['index.html', 'sw.js', 'manifest.webmanifest', 'registerSW.js']);

export default defineEndpoint({
  id: 'app',
  handler: (router, { env, logger }) => {
    const root = path.resolve(String(env['PHONE_SHOP_UI_PATH'] ?? 'admin-ui/dist'));
    // The app's own policy, in place of Directus's (which Studio needs: 'unsafe-eval', any https).
    const policy = appContentSecurityPolicy(
      typeof env['PUBLIC_URL'] === 'string' ? env['PUBLIC_URL'] : undefined,
    );
    if (!existsSync(path.join(root, 'index.html')))
      logger.warn(`the front end is not built (${root}); /app answers 404 until it is`);

    router.get(/.*/, (req, res) => {
      res.setHeader('Content-Security-Policy', policy);
      const index = path.join(root, 'index.html');
      if (!existsSync(index)) {
        res.status(404).type('text/plain').send('The front end is not built: run npm run build.');
        return;
      }
      // Normalised and kept under the root: no path can climb out of the app folder.
      const relative = path.normalize(decodeURIComponent(req.path)).replace(/^(\.\.[/\\])+/, '');
      const file = path.join(root, relative);
      const isFile = file.startsWith(root + path.sep) && existsSync(file) && statSync(file).isFile();
      const served = isFile ? file : index;
      const name = path.relative(root, served);
      res.setHeader(
        'cache-control',
        REVALIDATED.has(name)
          ? 'no-cache'
          : name.startsWith('assets/')
            ? 'public, max-age=31536000, immutable'
            : 'public, max-age=3600',
      );
      // A path that is not a file is a route of the single-page app: its shell answers.
      res.sendFile(served);
    });
  },
});
