// A minimal JSON client for the set-up scripts and the tests: one signed-in session against the
// REST API, every call returning status and body so that callers can assert on refusals too.

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export interface Session {
  baseUrl: string;
  token: string;
  request: <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<ApiResponse<T>>;
  /** Like request, but throws unless the answer is 2xx; returns `data` of a Directus answer. */
  call: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { data?: { access_token?: string } };
  const token = body.data?.access_token;
  if (!response.ok || !token)
    throw new Error(`login of ${email} failed: ${response.status} ${JSON.stringify(body)}`);
  return token;
}

export function sessionWithToken(baseUrl: string, token: string | null): Session {
  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T };
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await request<{ data: T }>(method, path, body);
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body.data;
  };
  return { baseUrl, token: token ?? '', request, call };
}

export async function adminSession(baseUrl: string, email: string, password: string): Promise<Session> {
  return sessionWithToken(baseUrl, await login(baseUrl, email, password));
}
