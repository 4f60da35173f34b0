// The /api business actions of the spec, answering in its envelope. Routes only parse, validate and
// delegate to a service.
import { defineEndpoint } from '@directus/extensions-sdk';
import { sendOk } from './envelope.ts';

export default defineEndpoint({
  id: 'api',
  handler: (router) => {
    router.get('/health', (_req, res) => {
      sendOk(res, { status: 'ok' });
    });
  },
});
