// Payloads for the fuzz pass: a valid-looking body sampled from an action's zod schema (through its
// JSON Schema), then mutated one leaf or a few at a time: wrong types, limits and beyond, huge and
// negative numbers, long and odd strings, other shops' ids, missing and unknown keys, and whole
// bodies that are not objects. A seeded generator makes every run send the same payloads.
import { z } from 'zod';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: Json[];
  const?: Json;
  default?: Json;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  pattern?: string;
}

/** A small seeded generator (mulberry32): the same seed, the same payloads. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function jsonSchemaOf(schema: z.ZodType): Schema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
}

function sampleString(schema: Schema, key: string): string {
  if (schema.format === 'email') return `fuzz-${key}@example.com`;
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'date') return '2026-11-20';
  if (schema.format === 'date-time') return '2026-11-20T10:00:00.000Z';
  const min = schema.minLength ?? 0;
  const base = `fuzz ${key}`;
  return base.length >= min ? base.slice(0, schema.maxLength ?? base.length) : base.padEnd(min, 'x');
}

/** A value that fits the schema, with `overrides` (by key, at any depth) for real ids and amounts. */
export function sample(schema: Schema, overrides: Record<string, Json>, key = 'body'): Json {
  if (key in overrides) return overrides[key] ?? null;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    const first = options.find((o) => o.type !== 'null') ?? options[0];
    return first ? sample(first, overrides, key) : null;
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0] ?? null;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const result: Record<string, Json> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(name) || name in overrides)
          result[name] = sample(property, overrides, name);
      }
      return result;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        sample(schema.items ?? {}, overrides, key),
      );
    case 'string':
      return sampleString(schema, key);
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 0, (schema.exclusiveMinimum ?? -1) + 1, 1);
    case 'boolean':
      return true;
    default:
      return schema.default ?? null;
  }
}

type Path = (string | number)[];

/** Every leaf of a value, and every optional property the schema knows that the value leaves out. */
function leaves(value: Json, schema: Schema | undefined, path: Path = []): Path[] {
  const found: Path[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => found.push(...leaves(item, schema?.items, [...path, i])));
    if (value.length === 0) found.push(path);
  } else if (value !== null && typeof value === 'object') {
    const properties = schema?.properties ?? schema?.anyOf?.find((s) => s.properties)?.properties ?? {};
    for (const [key, item] of Object.entries(value))
      found.push(...leaves(item, properties[key], [...path, key]));
    for (const key of Object.keys(properties)) if (!(key in value)) found.push([...path, key]);
  } else {
    found.push(path);
  }
  return found;
}

function setAt(value: Json, path: Path, replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node: Record<string | number, Json> = copy;
  for (const step of path.slice(0, -1)) {
    const next = node[step];
    if (next === null || typeof next !== 'object') return copy as Json;
    node = next as Record<string | number, Json>;
  }
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else Reflect.deleteProperty(node, last);
  } else node[last] = replacement;
  return copy as Json;
}

const LONG = 'a'.repeat(10_001);

/** Values every leaf is tried with. */
export const ODD_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.000001,
  2_147_483_647,
  2_147_483_648,
  -2_147_483_649,
  9_007_199_254_740_991,
  9_007_199_254_740_993,
  -9_007_199_254_740_993,
  1e308,
  -1e308,
  '',
  ' ',
  '1',
  '-1',
  '1e3',
  'NaN',
  'true',
  'null',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  LONG,
  '😀'.repeat(300),
  '\u202eevil\u202c',
  "' OR 1=1 --",
  "'); DROP TABLE sales; --",
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  'a\udc00b',
  '{"$gt":""}',
  [],
  [1],
  [null],
  {},
  { id: 1 },
  { _eq: 1 },
];

export interface Payload {
  label: string;
  body: Json;
}

/** The mutated payloads of one action: each leaf with each odd value, foreign ids on id fields, removals, then random combinations up to `count`. */
export function payloadsOf(
  base: Json,
  schema: Schema,
  foreignIds: number[],
  count: number,
  random: () => number,
): Payload[] {
  const payloads: Payload[] = [{ label: 'valid', body: base }];
  const paths = leaves(base, schema);
  const name = (path: Path): string => path.map(String).join('.') || 'body';
  for (const path of paths) {
    const key = String(path[path.length - 1] ?? '');
    payloads.push({ label: `${name(path)} removed`, body: setAt(base, path, undefined) });
    for (const value of ODD_VALUES)
      payloads.push({
        label: `${name(path)} = ${JSON.stringify(value).slice(0, 40)}`,
        body: setAt(base, path, value),
      });
    if (key === 'id' || key.endsWith('_id'))
      for (const id of foreignIds)
        payloads.push({ label: `${name(path)} = foreign ${String(id)}`, body: setAt(base, path, id) });
  }
  for (const whole of [
    null,
    [],
    'text',
    42,
    true,
    {},
    [base],
    { ...(base as object), unknown_field: 1 },
  ] as Json[])
    payloads.push({ label: `body = ${JSON.stringify(whole).slice(0, 40)}`, body: whole });
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  while (payloads.length < count) {
    let body = base;
    const changes: string[] = [];
    const n = 2 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) {
      const path = pick(paths);
      const key = String(path[path.length - 1] ?? '');
      const value =
        (key === 'id' || key.endsWith('_id')) && random() < 0.3 ? pick(foreignIds) : pick(ODD_VALUES);
      body = setAt(body, path, value);
      changes.push(`${name(path)}=${JSON.stringify(value).slice(0, 20)}`);
    }
    payloads.push({ label: changes.join(', '), body });
  }
  return payloads.slice(0, Math.max(count, payloads.length));
}
