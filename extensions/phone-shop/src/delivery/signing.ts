// Signatures as the Standard Webhooks specification has them (standardwebhooks.com), made by its
// maintained package so that any Standard Webhooks library verifies them: `webhook-signature` is
// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret in use, separated by spaces
// (the old and the new one for 24 hours after a rotation).
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes, in the specification's `whsec_<base64>` form. */
export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** What an Owner may see of a secret after it was shown: its prefix and last four characters. */
export const secretHint = (secret: string): string => `${SECRET_PREFIX}…${secret.slice(-4)}`;

export class Signer {
  private readonly signers = new Map<string, Webhook>();

  /** The three headers of a delivery of `body`, signed with each of `secrets`. */
  headers(messageId: string, at: Date, body: string, secrets: readonly string[]): Record<string, string> {
    return {
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': secrets.map((s) => this.signer(s).sign(messageId, at, body)).join(' '),
    };
  }

  private signer(secret: string): Webhook {
    let signer = this.signers.get(secret);
    if (!signer) {
      if (this.signers.size > 10_000) this.signers.clear();
      signer = new Webhook(secret);
      this.signers.set(secret, signer);
    }
    return signer;
  }
}
