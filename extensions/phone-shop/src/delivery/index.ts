// The delivery engine's public surface: one runtime per process (settings, the HTTP agent, the
// signers), shared by the engine the `delivery` hook runs and by the /api webhook actions (test
// sends). See engine.ts for how deliveries flow.
import { deliveryConfig, type DeliveryConfig } from './config.ts';
import { Sender } from './send.ts';
import { Signer } from './signing.ts';
import { webhookSubscriber, type Subscriber } from './subscribers.ts';

export { DeliveryEngine, attempt, envelopeOf, OUTBOX_CHANNEL } from './engine.ts';
export { newSecret, secretHint } from './signing.ts';
export { record, refreshEvents, type AttemptResult, type ClaimedDelivery } from './store.ts';
export { resolvedProblem, urlProblem } from './url-safety.ts';
export type { DeliveryConfig } from './config.ts';

export interface DeliveryRuntime {
  config: DeliveryConfig;
  sender: Sender;
  signer: Signer;
  subscribers: readonly Subscriber[];
}

let runtime: DeliveryRuntime | null = null;

export function deliveryRuntime(env: Record<string, unknown>): DeliveryRuntime {
  if (!runtime) {
    const config = deliveryConfig(env);
    runtime = { config, sender: new Sender(config), signer: new Signer(), subscribers: [webhookSubscriber] };
  }
  return runtime;
}
