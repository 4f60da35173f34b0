// JSON in the API's envelope, written a row at a time (never one JSON.stringify of every row):
// {"success":true,"data":{"title","shop","period","generated_at","columns","rows","summary"},...}.
// Values as the rest of the API gives them: amounts in minor units, instants in ISO 8601 UTC.
import type { Writable } from 'node:stream';
import { jsonValue } from './format.ts';
import { finish, write } from './sink.ts';
import type { ExportMeta, Row, Table } from './table.ts';

/** Rows per write: small, so that a batch dies young (cursor.ts). */
const BATCH = 100;

export async function writeJson(out: Writable, meta: ExportMeta, table: Table): Promise<void> {
  const { shop } = meta;
  const head = {
    title: meta.title,
    shop: {
      name: shop.name,
      code: shop.code,
      currency: shop.currency,
      timezone: shop.timezone,
      address: shop.address,
      phone: shop.phone,
    },
    period: meta.period,
    generated_at: meta.generatedAt.toISOString(),
    columns: table.columns.map(({ key, label, type }) => ({ key, label, type })),
  };
  const opening = JSON.stringify({ success: true, data: head });
  // The object without its two closing braces, then the rows array.
  await write(out, `${opening.slice(0, -2)},"rows":[`);

  const toObject = (row: Row): Record<string, unknown> =>
    Object.fromEntries(table.columns.map((c) => [c.key, jsonValue(row[c.key] ?? null, c.type)]));
  let first = true;
  let batch: string[] = [];
  for await (const row of table.rows) {
    batch.push(`${first ? '' : ','}${JSON.stringify(toObject(row))}`);
    first = false;
    if (batch.length >= BATCH) {
      await write(out, batch.join(''));
      batch = [];
    }
  }
  if (batch.length) await write(out, batch.join(''));

  // The summary is read after the rows: a list may total its figures while they stream.
  const summary = (table.summary ?? []).map(({ label, type, value }) => ({
    label,
    type,
    value: jsonValue(value, type),
  }));
  await write(
    out,
    `],"summary":${JSON.stringify(summary)}},"message":"Operation successful","timestamp":${JSON.stringify(new Date().toISOString())}}`,
  );
  await finish(out);
}
