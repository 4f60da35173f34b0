// One attempt: POST the signed envelope, wait at most WEBHOOKS_TIMEOUT (10 s) for the whole answer,
// keep its first KB for the log. Only a 2xx is a success; redirects are not followed (a 3xx fails).
// Connections are kept alive per receiver, at most WEBHOOKS_ENDPOINT_CONCURRENCY of them.
import { Agent, request } from 'undici';
import type { DeliveryConfig } from './config.ts';
import { publicOnlyLookup, urlProblem } from './url-safety.ts';

/** Kept of an answer's body for the log. */
export const KEPT_BODY_BYTES = 1024;
/** Read of an answer's body at most; the rest is not read (the connection is closed instead). */
const READ_BODY_BYTES = 64 * 1024;

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  body: string | null;
  error: string | null;
  startedAt: Date;
  durationMs: number;
}

const describeFailure = (error: unknown, timeoutMs: number): string => {
  const failure = error as { name?: string; code?: string; message?: string; cause?: unknown };
  const code = failure.code ?? (failure.cause as { code?: string } | undefined)?.code;
  if (
    failure.name === 'TimeoutError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  )
    return `no answer within ${String(timeoutMs / 1000)} s`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed';
  const message = failure.message ?? String(error);
  return (code && !message.includes(code) ? `${code}: ${message}` : message).slice(0, 500);
};

export class Sender {
  private readonly agent: Agent;
  private readonly config: Pick<DeliveryConfig, 'allowPrivate' | 'timeoutMs' | 'perEndpoint'>;

  constructor(config: Pick<DeliveryConfig, 'allowPrivate' | 'timeoutMs' | 'perEndpoint'>) {
    this.config = config;
    this.agent = new Agent({
      connections: config.perEndpoint,
      keepAliveTimeout: 30_000,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      connect: config.allowPrivate
        ? { timeout: config.timeoutMs }
        : { timeout: config.timeoutMs, lookup: publicOnlyLookup },
    });
  }

  async post(url: string, body: string, headers: Record<string, string>): Promise<AttemptOutcome> {
    const startedAt = new Date();
    const started = performance.now();
    const finish = (outcome: Omit<AttemptOutcome, 'startedAt' | 'durationMs'>): AttemptOutcome => ({
      ...outcome,
      startedAt,
      durationMs: Math.round(performance.now() - started),
    });
    // Checked again now: the URL may have been saved under other rules, and an address literal never
    // reaches the lookup that checks resolved names.
    const { problem } = urlProblem(url, this.config.allowPrivate);
    if (problem) return finish({ ok: false, statusCode: null, body: null, error: `URL refused: ${problem}` });
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'PhoneShop-Webhooks/1.0',
          ...headers,
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      const kept = await readStart(response.body);
      const statusCode = response.statusCode;
      const ok = statusCode >= 200 && statusCode < 300;
      let error: string | null = null;
      if (statusCode >= 300 && statusCode < 400) {
        const location = response.headers['location'];
        error = `redirects are not followed (${String(statusCode)}${typeof location === 'string' ? ` to ${location.slice(0, 200)}` : ''})`;
      } else if (!ok) error = `the receiver answered ${String(statusCode)}`;
      return finish({ ok, statusCode, body: kept, error });
    } catch (failure) {
      return finish({
        ok: false,
        statusCode: null,
        body: null,
        error: describeFailure(failure, this.config.timeoutMs),
      });
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** The first KB of a body, reading at most 64 KB of it; a longer body's connection is closed. */
async function readStart(body: AsyncIterable<Buffer> & { destroy: () => void }): Promise<string | null> {
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of body) {
    if (read < KEPT_BODY_BYTES) chunks.push(chunk);
    read += chunk.length;
    if (read > READ_BODY_BYTES) {
      body.destroy();
      break;
    }
  }
  if (read === 0) return null;
  return Buffer.concat(chunks).subarray(0, KEPT_BODY_BYTES).toString('utf8').replaceAll('\u0000', '');
}
