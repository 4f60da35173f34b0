// A small client for Directus's websocket endpoint (/websocket) on Node 24's global WebSocket, for
// tests: every wait is bounded, messages are buffered so none is lost between a send and its wait,
// and the server's heartbeat pings are answered.
import type { Session } from './context.ts';

/** A message of the Directus websocket protocol (the fields the tests look at). */
export interface SocketMessage {
  type: string;
  status?: 'ok' | 'error';
  event?: string;
  uid?: string;
  data?: unknown;
  error?: { code: string; message: string };
  [key: string]: unknown;
}

export const DEFAULT_WAIT_MS = 5_000;

interface Waiter {
  matches: (message: SocketMessage) => boolean;
  resolve: (message: SocketMessage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class SocketClient {
  private readonly received: SocketMessage[] = [];
  private readonly waiters = new Set<Waiter>();
  private closed = false;
  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', (event: MessageEvent) => {
      const message = JSON.parse(String(event.data)) as SocketMessage;
      if (message.type === 'ping') {
        this.send({ type: 'pong' });
        return;
      }
      this.deliver(message);
    });
    socket.addEventListener('close', () => {
      this.closed = true;
      for (const waiter of this.waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('the websocket closed while a message was awaited'));
      }
      this.waiters.clear();
    });
  }

  /** Opens a websocket to the instance at `baseUrl` (http://host:port). */
  static open(baseUrl: string, timeoutMs = DEFAULT_WAIT_MS): Promise<SocketClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/websocket`;
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close();
        reject(new Error(`no websocket connection to ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.addEventListener('open', () => {
        clearTimeout(timer);
        resolve(new SocketClient(socket));
      });
      socket.addEventListener('error', () => {
        clearTimeout(timer);
        reject(new Error(`websocket connection to ${url} failed`));
      });
    });
  }

  send(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first message (already received or to come) that matches, removed from the buffer. */
  next(matches: (message: SocketMessage) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<SocketMessage> {
    const index = this.received.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0] as SocketMessage);
    if (this.closed) return Promise.reject(new Error('the websocket is closed'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new Error(
              `no matching websocket message within ${timeoutMs} ms; received: ${JSON.stringify(this.received)}`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Sends a message and waits for the first answer that matches. */
  async ask(
    message: Record<string, unknown>,
    matches: (answer: SocketMessage) => boolean,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<SocketMessage> {
    const answer = this.next(matches, timeoutMs);
    this.send(message);
    return answer;
  }

  /** Every message received and not yet taken by `next`, after waiting `quietMs` for stragglers. */
  async drain(quietMs: number): Promise<SocketMessage[]> {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    return this.received.splice(0);
  }

  close(): void {
    this.closed = true;
    this.socket.close();
  }

  private deliver(message: SocketMessage): void {
    for (const waiter of this.waiters) {
      if (waiter.matches(message)) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(message);
        return;
      }
    }
    this.received.push(message);
  }
}

/** A websocket signed in with the session's access token (Directus's "handshake" authentication). */
export async function signedInSocket(session: Session, timeoutMs = DEFAULT_WAIT_MS): Promise<SocketClient> {
  const client = await SocketClient.open(session.baseUrl, timeoutMs);
  const answer = await client.ask(
    { type: 'auth', access_token: session.token },
    (m) => m.type === 'auth',
    timeoutMs,
  );
  if (answer.status !== 'ok') {
    client.close();
    throw new Error(`websocket authentication failed: ${JSON.stringify(answer)}`);
  }
  return client;
}

/** Whether a message is an error answer (of any type) carrying the given code. */
export const isError =
  (code?: string) =>
  (message: SocketMessage): boolean =>
    message.status === 'error' && (code === undefined || message.error?.code === code);
