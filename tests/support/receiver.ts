// A webhook receiver on 127.0.0.1 for the delivery tests: it records every request it gets (the
// event's id, headers, body, when it arrived and when its answer ended) and answers as the test says,
// after a delay, with a status and a body, or never. It can stop listening (the engine then meets a
// refused connection) and listen again on the same port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DeliveredEvent {
  id: string;
  event: string;
  api_version: string;
  shop_id: number;
  timestamp: string;
  data: Record<string, unknown>;
}

export interface ReceivedRequest {
  /** The `webhook-id` header. */
  id: string;
  headers: Record<string, string>;
  /** The raw body, as signed ('' until it has been read whole). */
  body: string;
  /** performance.now() when the request arrived, and when its answer was sent or its connection closed. */
  arrivedAt: number;
  endedAt: number | null;
}

/** What the receiver does with a request: answer (after `delayMs`), or hang until the sender gives up. */
export type Answer =
  { status: number; delayMs?: number; body?: string | Buffer; headers?: Record<string, string> } | 'hang';

export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  /** Decides each answer; `request` is already in `requests`, its body read. */
  answer: (request: ReceivedRequest) => Answer = () => ({ status: 200 });
  /** Called as each request arrives, before its body is read or it is answered. */
  onArrival: (request: ReceivedRequest) => void = () => undefined;
  private server: http.Server | null = null;
  private listeningOn = 0;

  /** Listens on `port` (0: any free one); returns the URL to give a webhook. */
  async start(port = 0): Promise<string> {
    const server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.listeningOn = (server.address() as AddressInfo).port;
    return this.url;
  }

  get port(): number {
    return this.listeningOn;
  }

  get url(): string {
    return `http://127.0.0.1:${String(this.listeningOn)}/hook`;
  }

  /** Stops listening and drops every connection, hanging requests included. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The requests of one event id, in the order they arrived. */
  of(id: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.id === id);
  }

  /** The distinct event ids received. */
  ids(): Set<string> {
    return new Set(this.requests.map((r) => r.id));
  }

  /** Requests still waiting for their answer. */
  open(): ReceivedRequest[] {
    return this.requests.filter((r) => r.endedAt === null);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const request: ReceivedRequest = {
      id: String(req.headers['webhook-id'] ?? ''),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: '',
      arrivedAt: performance.now(),
      endedAt: null,
    };
    this.requests.push(request);
    // Sent, or cut off by the sender (its timeout, or a process that died).
    res.on('close', () => (request.endedAt ??= performance.now()));
    // A sender that stops reading a long answer closes the connection under it.
    res.on('error', () => undefined);
    this.onArrival(request);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      request.body = Buffer.concat(chunks).toString('utf8');
      const answer = this.answer(request);
      if (answer === 'hang') return;
      const send = (): void => {
        if (res.destroyed) return;
        // Ended as the answer is handed over ('close' comes a tick or more later, by when the
        // sender may have read it and acted on it).
        request.endedAt ??= performance.now();
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
        res.end(answer.body ?? `answered ${String(answer.status)}`);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  }
}

/** The JSON body of a request. */
export const eventOf = (request: ReceivedRequest): DeliveredEvent =>
  JSON.parse(request.body) as DeliveredEvent;

/** Waits until `done` holds, checking every 50 ms, or fails naming `what` after `timeoutMs`. */
export async function until(
  what: string,
  done: () => boolean | Promise<boolean>,
  timeoutMs: number,
  progress: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) {
      const state = progress();
      throw new Error(
        `timed out after ${String(timeoutMs)} ms waiting for ${what}${state ? ` (${state})` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
