// What the security suite needs beyond tests/support: callers from distinct source addresses (every
// 127.x.y.z is this machine's loopback, so a test can come from many places without trusting any
// proxy header), fresh shop accounts so that limits and locks never leak between tests, and raw
// answers with their headers.
import { randomUUID } from 'node:crypto';
import { Agent, fetch, type FormData, type Response } from 'undici';
import { as, baseUrl } from '../support/context.ts';

export interface Answer<T = unknown> {
  status: number;
  headers: Response['headers'];
  body: T;
  text: string;
  bytes: Buffer;
  ms: number;
}

const agents = new Map<string, Agent>();

function agentFor(address: string): Agent {
  let agent = agents.get(address);
  if (!agent) {
    agent = new Agent({ localAddress: address, keepAliveTimeout: 1000 });
    agents.set(address, agent);
  }
  return agent;
}

export interface RequestOptions {
  token?: string | null | undefined;
  body?: unknown;
  /** A body sent as it is (already JSON text, or a form). */
  raw?: string | Buffer | FormData;
  headers?: Record<string, string>;
}

/** A caller at one source address. */
export interface Caller {
  address: string;
  request: <T = unknown>(method: string, path: string, options?: RequestOptions) => Promise<Answer<T>>;
}

export function from(address: string): Caller {
  const dispatcher = agentFor(address);
  return {
    address,
    request: async <T>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> => {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      let body: string | Buffer | FormData | undefined = options.raw;
      if (options.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(options.body);
      }
      const started = performance.now();
      const response = await fetch(`${baseUrl()}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        dispatcher,
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      const text = bytes.toString('utf8');
      const ms = performance.now() - started;
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed as T, text, bytes, ms };
    },
  };
}

/** The error code of an answer in either format (/api envelope or Directus's list). */
export function codeOf(body: unknown): string | undefined {
  const b = body as { error?: { code?: string }; errors?: { extensions?: { code?: string } }[] } | null;
  return b?.error?.code ?? b?.errors?.[0]?.extensions?.code;
}

export function messageOf(body: unknown): string | undefined {
  const b = body as { error?: { message?: string }; errors?: { message?: string }[] } | null;
  return b?.error?.message ?? b?.errors?.[0]?.message;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
}

export async function signIn(
  caller: Caller,
  email: string,
  password: string,
  otp?: string,
): Promise<Answer<{ data?: Tokens }>> {
  return caller.request<{ data?: Tokens }>('POST', '/auth/login', {
    body: { email, password, ...(otp ? { otp } : {}) },
  });
}

export interface Member {
  id: string;
  email: string;
  password: string;
  role: 'Owner' | 'Supervisor' | 'Staff';
}

/** A new member of the Kampala shop, made by its Owner (the trial plan's user limit is lifted). */
export async function newMember(role: Member['role'], label: string): Promise<Member> {
  const owner = await as('kampalaOwner');
  const email = `${label}-${randomUUID().slice(0, 8)}@kampala.example.com`;
  const password = `pass-${randomUUID().slice(0, 12)}-1`;
  const created = await owner.request<{ data?: { id: string }; error?: unknown }>('POST', '/api/staff', {
    email,
    password,
    first_name: label,
    role,
  });
  if (created.status !== 201 || !created.body.data)
    throw new Error(`could not create ${email}: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.data.id, email, password, role };
}

/** Signs a member in from an address and answers the tokens (throws unless it works). */
export async function tokensOf(caller: Caller, member: Pick<Member, 'email' | 'password'>): Promise<Tokens> {
  const answer = await signIn(caller, member.email, member.password);
  if (answer.status !== 200 || !answer.body.data)
    throw new Error(`sign-in of ${member.email} failed: ${answer.status} ${answer.text}`);
  return answer.body.data;
}
