// Webhooks: the shop's subscriptions to its events, their deliveries and attempt logs, the shop's
// event feed, and the platform admin's dead letters.
export {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  prepareTest,
  rotateSecret,
  updateWebhook,
  type WebhookInput,
  type WebhookView,
} from './webhooks.service.ts';
export {
  listAttempts,
  listDeadLetters,
  listEvents,
  retryDeadLetter,
  retryDelivery,
  type AttemptView,
} from './deliveries.service.ts';
