// Applies the Directus metadata of snapshots/schema.json (collection icons and templates, field
// interfaces, choices, notes) to the tables the migrations created. It writes only Directus's
// metadata rows and never a column: `directus schema apply` would re-alter every column whose
// metadata changed (turning jsonb into json, for one), so the migrations stay the only source of DDL.
// Idempotent: a second run changes nothing.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import { readInt8AsNumber } from '../extensions/phone-shop/src/database/int8.ts';

interface SnapshotCollection {
  collection: string;
  meta: Record<string, unknown> | null;
}
interface SnapshotField {
  collection: string;
  field: string;
  type: string;
  meta: Record<string, unknown> | null;
}
interface Snapshot {
  collections: SnapshotCollection[];
  fields: SnapshotField[];
}

const COLLECTION_COLUMNS = [
  'icon',
  'note',
  'display_template',
  'hidden',
  'singleton',
  'translations',
  'archive_field',
  'archive_app_filter',
  'archive_value',
  'unarchive_value',
  'sort_field',
  'accountability',
  'color',
  'item_duplication_fields',
  'sort',
  'group',
  'collapse',
  'preview_url',
  'versioning',
] as const;
const COLLECTION_JSON = new Set(['translations', 'item_duplication_fields']);

const FIELD_COLUMNS = [
  'special',
  'interface',
  'options',
  'display',
  'display_options',
  'readonly',
  'hidden',
  'sort',
  'width',
  'translations',
  'note',
  'conditions',
  'required',
  'group',
  'validation',
  'validation_message',
  'searchable',
] as const;
const FIELD_JSON = new Set(['options', 'display_options', 'translations', 'conditions', 'validation']);

/** The value as the database column holds it. */
function toColumn(column: string, value: unknown, json: ReadonlySet<string>): unknown {
  if (value === undefined || value === null) return null;
  if (column === 'special') return Array.isArray(value) ? value.join(',') : value;
  if (json.has(column)) return JSON.stringify(value);
  return value;
}

/** The value read back from the database, for comparison. */
function fromColumn(column: string, value: unknown, json: ReadonlySet<string>): unknown {
  if (value === undefined || value === null) return null;
  if (json.has(column) && typeof value === 'string') return JSON.parse(value) as unknown;
  return value;
}

function rowFrom(
  meta: Record<string, unknown>,
  columns: readonly string[],
  json: ReadonlySet<string>,
): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c, toColumn(c, meta[c], json)]));
}

function differs(
  existing: Record<string, unknown>,
  desired: Record<string, unknown>,
  json: ReadonlySet<string>,
): boolean {
  return Object.keys(desired).some(
    (c) => !isDeepStrictEqual(fromColumn(c, existing[c], json), fromColumn(c, desired[c], json)),
  );
}

async function applyTo(trx: Knex.Transaction, snapshot: Snapshot): Promise<number> {
  const columns: { table_name: string; column_name: string }[] = await trx('information_schema.columns')
    .select('table_name', 'column_name')
    .whereRaw('table_schema = current_schema()');
  const existingColumns = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
  const tables = new Set(columns.map((c) => c.table_name));
  let changes = 0;

  const storedCollections = new Map(
    ((await trx('directus_collections').select('*')) as Record<string, unknown>[]).map((r) => [
      String(r['collection']),
      r,
    ]),
  );
  for (const { collection, meta } of snapshot.collections) {
    if (!meta || !tables.has(collection)) continue;
    const desired = rowFrom(meta, COLLECTION_COLUMNS, COLLECTION_JSON);
    const stored = storedCollections.get(collection);
    if (!stored) {
      await trx('directus_collections').insert({ collection, ...desired });
      changes++;
    } else if (differs(stored, desired, COLLECTION_JSON)) {
      await trx('directus_collections').where({ collection }).update(desired);
      changes++;
    }
  }

  const storedFields = new Map(
    ((await trx('directus_fields').select('*')) as Record<string, unknown>[]).map((r) => [
      `${String(r['collection'])}.${String(r['field'])}`,
      r,
    ]),
  );
  for (const { collection, field, meta, type } of snapshot.fields) {
    const key = `${collection}.${field}`;
    if (!meta || (type !== 'alias' && !existingColumns.has(key))) continue;
    const desired = rowFrom(meta, FIELD_COLUMNS, FIELD_JSON);
    const stored = storedFields.get(key);
    if (!stored) {
      await trx('directus_fields').insert({ collection, field, ...desired });
      changes++;
    } else if (differs(stored, desired, FIELD_JSON)) {
      await trx('directus_fields').where({ id: stored['id'] }).update(desired);
      changes++;
    }
  }
  return changes;
}

/** Applies the snapshot's metadata; returns how many collections and fields it changed. */
export async function applyMetadata(databaseUrl: string, snapshotFile: string): Promise<number> {
  const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
  readInt8AsNumber();
  const knex = knexFactory({ client: 'pg', connection: databaseUrl });
  try {
    return await knex.transaction((trx) => applyTo(trx, snapshot));
  } finally {
    await knex.destroy();
  }
}
