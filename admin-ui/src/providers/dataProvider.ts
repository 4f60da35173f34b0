// react-admin's data provider over Directus: /items for reading (filters, sort, pagination, search,
// related fields by dot notation) and the generic writes the role is allowed, and the /api business
// actions wherever the backend owns the write (checkout, repair intake, closures, expenses, staff).
//
// Filters use react-admin's `filter` object: `q` is Directus's full-text `search`; `field` is
// `_eq` (or `_in` for an array); `field@_op` names any Directus operator (`created_at@_gte`).
import {
  createItem,
  deleteItem,
  deleteItems,
  queryToParams,
  readItem,
  readItems,
  updateItem,
} from '@directus/sdk';
import type { DataProvider, GetListParams, Identifier } from 'react-admin';
import { api, apiEnvelope, directus, sdk, uploadFile, type UploadPurpose } from '../api/client.ts';

type Row = Record<string, unknown>;

interface ResourceConfig {
  /** The Directus collection, or null for a resource served only by /api. */
  collection: string | null;
  /** Fields read by lists and by getOne (relations by dot notation). */
  fields?: string[];
  /** Read one record from an /api action (with lines, history, allowed moves...). */
  getOne?: (id: Identifier) => Promise<Row>;
  create?: (data: Row) => Promise<Row>;
  update?: (id: Identifier, data: Row, previous: Row) => Promise<Row>;
  delete?: (id: Identifier) => Promise<unknown>;
  /** A list served by /api (no Directus collection): filtered and paged here. */
  list?: () => Promise<Row[]>;
  /** A list served by /api that filters and pages itself (its own order; the sort is ignored). */
  pagedList?: (params: {
    filter: Row;
    limit: number;
    offset: number;
    signal: AbortSignal | undefined;
  }) => Promise<{ data: Row[]; total: number }>;
  /** Fields a generic /items update may send (the rest are the server's). */
  writable?: string[];
}

/** A filter or cell value as text (objects as JSON, never "[object Object]"). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  // JSON.stringify answers undefined for undefined and functions, though its type says string.
  return value === undefined || typeof value === 'function' ? '' : JSON.stringify(value);
}

/**
 * A file picked in a form (react-admin's FileInput) is uploaded first, for its field's purpose (the
 * server checks the content against it); the record keeps its id.
 */
async function withUploads(data: Row, fields: Record<string, UploadPurpose>): Promise<Row> {
  const entries = await Promise.all(
    Object.entries(data).map(async ([key, value]): Promise<[string, unknown] | null> => {
      const purpose = fields[key];
      if (!purpose || !value || typeof value !== 'object') return [key, value];
      const raw = (value as { rawFile?: unknown }).rawFile;
      // A file shown but not changed (no rawFile) leaves the stored id as it is.
      return raw instanceof File ? [key, await uploadFile(raw, purpose)] : null;
    }),
  );
  return Object.fromEntries(entries.filter((entry) => entry !== null));
}

const RECEIPT: Record<string, UploadPurpose> = { receipt: 'expense_receipt' };

const pick = (data: Row, keys: string[]): Row =>
  Object.fromEntries(Object.entries(data).filter(([key]) => keys.includes(key)));

export const RESOURCES: Record<string, ResourceConfig> = {
  sales: {
    collection: 'sales',
    fields: ['*', 'customer_id.name', 'customer_id.phone'],
    getOne: (id) => api<Row>(`/api/sales/${String(id)}`),
    delete: (id) => api(`/api/sales/${String(id)}`, { method: 'DELETE' }),
  },
  repairs: {
    collection: 'repairs',
    fields: ['*', 'customer_id.name', 'customer_id.phone'],
    getOne: (id) => api<Row>(`/api/repairs/${String(id)}`),
    create: (data) => api<Row>('/api/repairs', { method: 'POST', body: data }),
    writable: [
      'issue_description',
      'repair_type',
      'estimated_cost',
      'labor_cost',
      'priority',
      'estimated_completion',
      'warranty_period',
      'notes',
    ],
  },
  devices: {
    collection: 'devices',
    fields: ['*', 'customer_id.name', 'customer_id.phone'],
    writable: [
      'customer_id',
      'brand',
      'model',
      'imei_serial',
      'color',
      'storage',
      'purchase_price',
      'selling_price',
      'condition',
      'status',
      'warranty_expires_at',
      'notes',
    ],
  },
  products: {
    collection: 'products',
    writable: [
      'name',
      'category',
      'sku',
      'barcode',
      'description',
      'cost_price',
      'selling_price',
      'min_stock_level',
      'is_active',
    ],
  },
  customers: {
    collection: 'customers',
    writable: ['name', 'phone', 'email', 'address', 'id_number', 'date_of_birth', 'gender', 'notes'],
  },
  closures: {
    collection: 'daily_closures',
    getOne: (id) => api<Row>(`/api/closures/${String(id)}`),
    create: (data) => api<Row>('/api/closures', { method: 'POST', body: data }),
    update: (id, data) =>
      api<Row>(`/api/closures/${String(id)}`, {
        method: 'PUT',
        body: pick(data, [
          'cash_amount',
          'mtn_amount',
          'airtel_amount',
          'card_amount',
          'bank_transfer',
          'other_amount',
          'notes',
        ]),
      }),
  },
  expenses: {
    collection: 'expenses',
    create: async (data) =>
      api<Row>('/api/expenses', { method: 'POST', body: await withUploads(data, RECEIPT) }),
    update: async (id, data, previous) => {
      const body = await withUploads(data, RECEIPT);
      const writable = ['category', 'description', 'amount', 'payment_method', 'receipt', 'expense_date'];
      const changed = Object.fromEntries(
        Object.entries(pick(body, writable)).filter(
          ([key, value]) => JSON.stringify(value) !== JSON.stringify(previous[key]),
        ),
      );
      const row = await sdk(() =>
        directus.request(updateItem('expenses' as never, id as never, changed as never)),
      );
      return { ...previous, ...(row as Row) };
    },
    writable: ['category', 'description', 'amount', 'payment_method', 'receipt', 'expense_date'],
  },
  staff: {
    collection: null,
    list: () => api<Row[]>('/api/staff'),
    getOne: (id) => api<Row>(`/api/staff/${String(id)}`),
    create: (data) => api<Row>('/api/staff', { method: 'POST', body: data }),
    update: (id, data) =>
      api<Row>(`/api/staff/${String(id)}`, {
        method: 'PUT',
        body: pick(data, ['email', 'first_name', 'last_name', 'phone', 'role', 'location_id']),
      }),
    delete: (id) => api(`/api/staff/${String(id)}`, { method: 'DELETE' }),
  },
  'purchase-orders': {
    collection: null,
    // Newest first, filtered by status and paged by the server (GET /api/purchase-orders).
    pagedList: async ({ filter, limit, offset, signal }) => {
      const status = typeof filter['status'] === 'string' ? filter['status'] : undefined;
      const answer = await apiEnvelope<Row[]>('/api/purchase-orders', {
        query: { status, limit, offset },
        signal,
      });
      return { data: answer.data, total: answer.meta?.total ?? answer.data.length };
    },
    getOne: (id) => api<Row>(`/api/purchase-orders/${String(id)}`),
    create: (data) => api<Row>('/api/products/purchase-orders', { method: 'POST', body: data }),
  },
  'audit-logs': { collection: 'audit_logs' },
  locations: { collection: 'locations', writable: ['name', 'address', 'phone', 'manager_id', 'is_active'] },
  settings: { collection: 'settings', writable: ['setting_key', 'setting_value'] },
  notifications: { collection: 'notifications', writable: ['is_read'] },
  'stock-movements': { collection: 'stock_movements' },
};

function config(resource: string): ResourceConfig {
  const found = RESOURCES[resource];
  if (!found) throw new Error(`Unknown resource ${resource}`);
  return found;
}

function collectionOf(resource: string): string {
  const { collection } = config(resource);
  if (!collection) throw new Error(`${resource} has no Directus collection`);
  return collection;
}

/** react-admin's filter object as a Directus filter and search. */
export function toDirectusFilter(filter: Row = {}): { filter: Row; search?: string } {
  const clauses: Row[] = [];
  let search: string | undefined;
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '' || value === null) continue;
    if (key === 'q') {
      search = text(value);
      continue;
    }
    const [field = key, operator] = key.split('@');
    const op = operator ?? (Array.isArray(value) ? '_in' : '_eq');
    // Dotted fields become nested filters: customer_id.name -> { customer_id: { name: ... } }.
    const path = field.split('.');
    let clause: Row = { [op]: value };
    for (const part of path.reverse()) clause = { [part]: clause };
    clauses.push(clause);
  }
  const result: { filter: Row; search?: string } = {
    filter: clauses.length === 0 ? {} : clauses.length === 1 ? (clauses[0] ?? {}) : { _and: clauses },
  };
  if (search !== undefined) result.search = search;
  return result;
}

function matches(row: Row, filter: Row): boolean {
  return Object.entries(filter).every(([key, value]) => {
    if (value === undefined || value === '' || value === null) return true;
    if (key === 'q') {
      const needle = text(value).toLowerCase();
      return Object.values(row).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
    }
    return Array.isArray(value) ? value.includes(row[key]) : row[key] === value;
  });
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return text(a).localeCompare(text(b), undefined, { numeric: true });
}

async function listFromApi(cfg: ResourceConfig, params: GetListParams) {
  const rows = ((await cfg.list?.()) ?? []).filter((row) => matches(row, params.filter as Row));
  const { field, order } = params.sort ?? { field: 'id', order: 'ASC' };
  rows.sort((a, b) => compare(a[field], b[field]) * (order === 'DESC' ? -1 : 1));
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
  return { data: rows.slice((page - 1) * perPage, page * perPage) as never[], total: rows.length };
}

export const dataProvider: DataProvider = {
  async getList(resource, params) {
    const cfg = config(resource);
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
    if (cfg.pagedList) {
      const paged = await cfg.pagedList({
        filter: (params.filter ?? {}) as Row,
        limit: perPage,
        offset: (page - 1) * perPage,
        signal: params.signal,
      });
      return { data: paged.data as never[], total: paged.total };
    }
    if (!cfg.collection) return listFromApi(cfg, params);
    const { field, order } = params.sort ?? { field: 'id', order: 'DESC' };
    const { filter, search } = toDirectusFilter(params.filter as Row);
    // One request for the page and its count (weak connections): the SDK formats the query, and
    // the answer is read raw because the SDK drops `meta`.
    const query = queryToParams({
      fields: cfg.fields ?? ['*'],
      filter,
      ...(search ? { search } : {}),
      sort: [order === 'DESC' ? `-${field}` : field],
      limit: perPage,
      page,
    } as never);
    const answer = await apiEnvelope<Row[]>(`/items/${cfg.collection}`, {
      query: { ...query, meta: 'filter_count' },
      signal: params.signal,
    });
    const meta = answer.meta as { filter_count?: number } | undefined;
    return { data: answer.data as never[], total: meta?.filter_count ?? answer.data.length };
  },

  async getOne(resource, params) {
    const cfg = config(resource);
    if (cfg.getOne) return { data: (await cfg.getOne(params.id)) as never };
    const collection = collectionOf(resource);
    const row = await sdk(() =>
      directus.request(
        readItem(collection as never, params.id as never, { fields: cfg.fields ?? ['*'] } as never),
      ),
    );
    return { data: row as never };
  },

  async getMany(resource, params) {
    const cfg = config(resource);
    if (!cfg.collection) {
      const rows = (await cfg.list?.()) ?? [];
      return { data: rows.filter((row) => params.ids.includes(row['id'] as Identifier)) as never[] };
    }
    const collection = cfg.collection;
    const rows = await sdk(() =>
      directus.request(
        readItems(
          collection as never,
          {
            fields: cfg.fields ?? ['*'],
            filter: { id: { _in: params.ids } },
            limit: params.ids.length,
          } as never,
        ),
      ),
    );
    return { data: rows as never[] };
  },

  async getManyReference(resource, params) {
    return dataProvider.getList(resource, {
      ...params,
      filter: { ...params.filter, [params.target]: params.id },
    });
  },

  async create(resource, params) {
    const cfg = config(resource);
    const data = params.data as Row;
    if (cfg.create) return { data: (await cfg.create(data)) as never };
    const collection = collectionOf(resource);
    const body = cfg.writable ? pick(data, cfg.writable) : data;
    const row = await sdk(() => directus.request(createItem(collection as never, body as never)));
    return { data: row as never };
  },

  async update(resource, params) {
    const cfg = config(resource);
    const data = params.data as Row;
    const id = params.id as Identifier;
    if (cfg.update) return { data: (await cfg.update(id, data, params.previousData as Row)) as never };
    const collection = collectionOf(resource);
    // Only the fields that changed and that the /items surface lets a shop role write.
    const previous = params.previousData as Row;
    const changed = Object.fromEntries(
      Object.entries(cfg.writable ? pick(data, cfg.writable) : data).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify(previous[key]),
      ),
    );
    const row = await sdk(() =>
      directus.request(updateItem(collection as never, id as never, changed as never)),
    );
    return { data: { ...previous, ...(row as Row) } as never };
  },

  async updateMany(resource, params) {
    const done: Identifier[] = [];
    for (const id of params.ids) {
      await dataProvider.update(resource, { id, data: params.data, previousData: { id } });
      done.push(id);
    }
    return { data: done };
  },

  async delete(resource, params) {
    const cfg = config(resource);
    if (cfg.delete) await cfg.delete(params.id);
    else {
      const collection = collectionOf(resource);
      await sdk(() => directus.request(deleteItem(collection as never, params.id as never)));
    }
    return { data: params.previousData as never };
  },

  async deleteMany(resource, params) {
    const cfg = config(resource);
    if (cfg.delete) {
      for (const id of params.ids) await cfg.delete(id);
    } else {
      const collection = collectionOf(resource);
      await sdk(() => directus.request(deleteItems(collection as never, params.ids as never)));
    }
    return { data: params.ids };
  },
};
