// No request can starve the others: relational depth is capped at 3 in fields, filters, sorts, deep
// and GraphQL, GraphQL documents are bounded, JSON is nested at most 32 deep and measured before it
// is parsed (and before anything reads it for callers without a token), text that PostgreSQL cannot
// store is refused by name, and PostgreSQL cancels any statement past the request's budget. One
// shop's heaviest allowed queries leave another shop's checkout working (its speed under that load
// is measured by `npm run bench`).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { STATEMENT_TIMEOUT_MS, withSessionLimits } from '../../directus/env.ts';
import { as, db, shopIds } from '../support/context.ts';
import { codeOf, from, newMember, tokensOf, type Caller } from './support.ts';

const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

async function staffCaller(label: string, address: string): Promise<{ caller: Caller; token: string }> {
  const member = await newMember('Staff', label);
  const caller = from(address);
  return { caller, token: (await tokensOf(caller, member)).access_token };
}

describe('relational depth and GraphQL cost', () => {
  it('refuses fields, filters, sorts and deep beyond 3 levels, and allows 3', async () => {
    const owner = await newMember('Owner', 'depth');
    const caller = from('127.0.50.1');
    const { access_token: token } = await tokensOf(caller, owner);
    const refused = [
      '/items/sales?limit=100&fields=*.*.*.*',
      `/items/sales?limit=100&fields=${Array.from({ length: 10 }, () => '*').join('.')}`,
      `/items/sales?filter=${encodeURIComponent(JSON.stringify({ created_by: { shop: { logo: { folder: { name: { _eq: 'x' } } } } } }))}`,
      '/items/sales?sort=created_by.shop.logo.title',
      `/items/sales?deep=${encodeURIComponent(JSON.stringify({ created_by: { shop: { logo: { folder: { _limit: 1 } } } } }))}`,
    ];
    for (const path of refused) {
      const answer = await caller.request('GET', path, { token });
      expect(answer.status, path).toBe(400);
      expect(codeOf(answer.body), path).toBe('INVALID_QUERY');
    }
    expect((await caller.request('GET', '/items/sales?limit=100&fields=*.*.*', { token })).status).toBe(200);
    // A page with related fields holds at most 200 rows; plain rows up to Directus's 1,000.
    const wide = await caller.request('GET', '/items/sales?limit=1000&fields=*.*', { token });
    expect(wide.status).toBe(400);
    expect(codeOf(wide.body)).toBe('QUERY_TOO_LARGE');
    expect((await caller.request('GET', '/items/sales?limit=200&fields=*.*', { token })).status).toBe(200);
    expect((await caller.request('GET', '/items/products?limit=1000&fields=id,name', { token })).status).toBe(
      200,
    );
    const graphql = await caller.request('POST', '/graphql', {
      token,
      body: { query: '{ sales(limit: 1000) { id customer_id { name } } }' },
    });
    expect(codeOf(graphql.body)).toBe('QUERY_TOO_LARGE');
    expect((await caller.request('GET', '/items/sales?fields=*,customer_id.name', { token })).status).toBe(
      200,
    );
  });

  it('refuses GraphQL queries nested deeper than 3 or longer than 1000 tokens', async () => {
    const owner = await newMember('Owner', 'graphql-depth');
    const caller = from('127.0.50.2');
    const { access_token: token } = await tokensOf(caller, owner);
    const deep = await caller.request<{ errors?: unknown[] }>('POST', '/graphql', {
      token,
      body: { query: '{ sales(limit: 5) { customer_id { shop_id { logo { uploaded_by { email } } } } } }' },
    });
    expect(deep.body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(deep.body)).toContain('Max relational depth exceeded');
    const long = await caller.request('POST', '/graphql', {
      token,
      body: { query: `{ sales(limit: 1) { ${Array.from({ length: 1200 }, () => 'id').join(' ')} } }` },
    });
    expect(codeOf(long.body)).toBe('GRAPHQL_VALIDATION');
    expect(long.text).toContain('more that 1000 tokens');
    const fine = await caller.request<{ data?: unknown }>('POST', '/graphql', {
      token,
      body: { query: '{ sales(limit: 5) { customer_id { shop_id { shop_name } } } }' },
    });
    expect(fine.body.data).toBeDefined();
  });
});

describe('request bodies and texts', () => {
  it('answers a deeply nested body without a token with 401, before reading it', async () => {
    const answer = await from('127.0.51.1').request('POST', '/items/customers', {
      raw: `{"name":${nested(100_000)}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(401);
  });

  it('refuses JSON nested beyond 32 levels with 400, on /items and /api alike, and writes nothing', async () => {
    const { caller, token } = await staffCaller('json-depth', '127.0.51.2');
    const before = await db()('customers').count({ n: '*' });
    for (const path of ['/items/customers', '/api/sales', '/graphql']) {
      for (const depth of [33, 100_000]) {
        const answer = await caller.request('POST', path, {
          token,
          raw: `{"name":${nested(depth)}}`,
          headers: { 'content-type': 'application/json' },
        });
        expect(answer.status, `${path} ${String(depth)}`).toBe(400);
        expect(codeOf(answer.body), path).toBe('JSON_TOO_DEEP');
      }
    }
    expect(await db()('customers').count({ n: '*' })).toEqual(before);
    // 32 levels are fine for the parser (the route then judges the content).
    const fine = await caller.request('POST', '/items/customers', {
      token,
      raw: `{"name":"Depth ok","phone":"+256772${String(Date.now()).slice(-6)}","notes":${JSON.stringify(JSON.stringify(JSON.parse(nested(31))))}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(fine.status).toBeLessThan(500);
  });

  it('refuses a NUL or a lone surrogate in any text, naming the field, on every surface', async () => {
    const { caller, token } = await staffCaller('texts', '127.0.51.3');
    const cases: { path: string; body: string; field: string }[] = [
      { path: '/items/customers', body: '{"name":"Bad\\u0000name","phone":"+256772000111"}', field: 'name' },
      {
        path: '/items/customers',
        body: '{"name":"Half \\ud83d surrogate","phone":"+256772000112"}',
        field: 'name',
      },
      { path: '/api/sales', body: '{"items":[],"payments":[],"notes":"\\udc00"}', field: 'notes' },
      {
        path: '/api/repairs',
        body: '{"device_model":"X","issue_description":"a\\u0000b"}',
        field: 'issue_description',
      },
    ];
    for (const c of cases) {
      const answer = await caller.request<{
        errors?: { extensions?: { field?: string } }[];
        error?: { details?: Record<string, unknown> };
      }>('POST', c.path, { token, raw: c.body, headers: { 'content-type': 'application/json' } });
      expect(answer.status, c.body).toBe(400);
      expect(codeOf(answer.body), c.body).toBe('INVALID_TEXT');
      const field =
        answer.body.errors?.[0]?.extensions?.field ?? Object.keys(answer.body.error?.details ?? {})[0];
      expect(field, c.body).toBe(c.field);
    }
    const query = await caller.request('GET', '/api/products/lookup?q=ab%00cd', { token });
    expect(query.status).toBe(400);
    expect(codeOf(query.body)).toBe('INVALID_TEXT');
    const deepFilter = await caller.request(
      'GET',
      `/items/customers?filter=${encodeURIComponent(`{"_and":${nested(2000).replace('1', '{}')}}`)}`,
      { token },
    );
    expect(deepFilter.status).toBe(400);
  });
});

describe('time budget', () => {
  it('runs Directus’s connections with a statement timeout, which PostgreSQL enforces', async () => {
    expect(STATEMENT_TIMEOUT_MS).toBe(30_000);
    const url = new URL(withSessionLimits('postgres://u:p@127.0.0.1:5432/x'));
    expect(url.searchParams.get('options')).toContain('-c statement_timeout=30000');
    // The same setting on a real connection, shortened so that the test is quick.
    const client = new pg.Client({ connectionString: withSessionLimits(inject('databaseUrl'), 200) });
    await client.connect();
    try {
      await expect(client.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });
    } finally {
      await client.end();
    }
  });
});

describe('one shop’s heaviest allowed queries', () => {
  it('leave another shop’s checkout working', async () => {
    const entebbe = await as('entebbeOwner');
    const { kampala } = await shopIds();
    const [product] = (await db()('products')
      .insert({
        shop_id: kampala,
        name: `Heavy test ${randomUUID().slice(0, 6)}`,
        category: 'Chargers & Cables',
        selling_price: 1_000,
        stock_quantity: 100,
      })
      .returning('id')) as [{ id: number }];
    const { caller: till, token } = await staffCaller('heavy-till', '127.0.52.2');
    let stop = false;
    const loops = Array.from({ length: 3 }, async () => {
      let done = 0;
      while (!stop && done < 40) {
        await entebbe.request('GET', '/items/sales?limit=200&fields=*.*.*');
        done++;
      }
    });
    const sales = [];
    for (let i = 0; i < 10; i++)
      sales.push(
        await till.request('POST', '/api/sales', {
          token,
          body: {
            items: [{ product_id: product.id, quantity: 1 }],
            payments: [{ method: 'Cash', amount: 1_000 }],
          },
          headers: { 'idempotency-key': randomUUID() },
        }),
      );
    stop = true;
    await Promise.all(loops);
    expect(sales.map((s) => s.status)).toEqual(Array.from({ length: 10 }, () => 201));
  });
});
