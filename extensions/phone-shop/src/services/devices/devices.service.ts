// The device registry: search by IMEI or serial, a device's repair history, and the bulk import of a
// CSV (10,000 rows and more) with a result for every row: created, skipped as a duplicate, or the
// error and the field. Nothing fails silently, and valid rows are written even when others are not.
import { isStoredId } from '../../domain/ranges.ts';
import { parse } from 'csv-parse/sync';
import { DEVICE_CONDITIONS, DEVICE_STATUSES } from '../../../../../snapshots/enums.ts';
import { checkIdentifier, normaliseIdentifier } from '../../domain/device-identifier.ts';
import { InvalidFieldError, NotFoundError } from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { requireRight } from '../rights.ts';

export async function searchDevices(ctx: ActionContext, q: string, limit: number): Promise<unknown[]> {
  requireRight(ctx, 'devices', 'read');
  const term = normaliseIdentifier(q);
  const columns = [
    'd.id',
    'd.brand',
    'd.model',
    'd.imei_serial',
    'd.color',
    'd.storage',
    'd.condition',
    'd.status',
    'd.selling_price',
    'd.customer_id',
    'c.name as customer_name',
    'c.phone as customer_phone',
  ];
  if (ctx.role === 'Owner') columns.push('d.purchase_price');
  return ctx
    .knex('devices as d')
    .leftJoin('customers as c', function join() {
      this.on('c.id', '=', 'd.customer_id').andOn('c.shop_id', '=', 'd.shop_id');
    })
    .select(columns)
    .where('d.shop_id', ctx.shopId)
    .andWhere((w) => {
      void w
        .where('d.imei_serial', term)
        .orWhere('d.imei_serial', 'like', `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    })
    .orderByRaw('d.imei_serial = ? DESC, d.imei_serial', [term])
    .limit(limit);
}

export async function deviceRepairs(ctx: ActionContext, deviceId: number): Promise<unknown[]> {
  requireRight(ctx, 'devices', 'read');
  // An id beyond the column's range is in no shop: answered as any id that is not there.
  if (!isStoredId(deviceId)) throw new NotFoundError({ entity: 'Device', id: String(deviceId) });
  const device = (await ctx
    .knex('devices')
    .select('id', 'imei_serial')
    .where({ id: deviceId, shop_id: ctx.shopId })
    .first()) as { id: number; imei_serial: string } | undefined;
  if (!device) throw new NotFoundError({ entity: 'Device', id: String(deviceId) });
  // Repairs registered against the device, and those that only recorded its IMEI.
  return ctx
    .knex('repairs')
    .select(
      'id',
      'repair_number',
      'issue_description',
      'repair_type',
      'status',
      'estimated_cost',
      'actual_cost',
      'technician_id',
      'created_at',
      'actual_completion',
    )
    .where({ shop_id: ctx.shopId })
    .andWhere((w) => {
      void w.where('device_id', deviceId).orWhere('imei_serial', device.imei_serial);
    })
    .orderBy('created_at', 'desc');
}

export interface ImportRowResult {
  row: number;
  status: 'created' | 'skipped' | 'error';
  imei_serial?: string;
  id?: number;
  field?: string;
  message?: string;
}

const MAX_ROWS = 50_000;
const BATCH = 1_000;
const MONEY = /^\d{1,12}$/;

interface DeviceInsert {
  row: number;
  values: Record<string, unknown>;
}

function rowToDevice(record: Record<string, string>, row: number): DeviceInsert {
  const text = (name: string): string | null => {
    const value = record[name]?.trim();
    return value ? value : null;
  };
  for (const required of ['brand', 'model', 'imei_serial']) {
    if (!text(required)) throw new InvalidFieldError({ field: required, reason: 'is required' });
  }
  const money = (name: string): number | null => {
    const value = text(name);
    if (value === null) return null;
    const compact = value.replace(/[,\s]/g, '');
    if (!MONEY.test(compact))
      throw new InvalidFieldError({ field: name, reason: `"${value}" is not a whole amount` });
    return Number(compact);
  };
  const oneOf = (name: string, allowed: readonly string[], fallback: string): string => {
    const value = text(name) ?? fallback;
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (!match) throw new InvalidFieldError({ field: name, reason: `must be one of ${allowed.join(', ')}` });
    return match;
  };
  return {
    row,
    values: {
      brand: text('brand'),
      model: text('model'),
      imei_serial: checkIdentifier(text('imei_serial') ?? ''),
      color: text('color'),
      storage: text('storage'),
      purchase_price: money('purchase_price'),
      selling_price: money('selling_price'),
      condition: oneOf('condition', DEVICE_CONDITIONS, 'New'),
      status: oneOf('status', DEVICE_STATUSES, 'In Stock'),
      notes: text('notes'),
    },
  };
}

/** Imports devices from CSV text with a header row (brand, model, imei_serial, and optional columns). */
export async function importDevices(
  ctx: ActionContext,
  csv: string,
): Promise<{ summary: Record<string, number>; rows: ImportRowResult[] }> {
  // Bulk import is for those who also edit devices (the spec: Owners and Supervisors).
  requireRight(ctx, 'devices', 'create');
  requireRight(ctx, 'devices', 'update');
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
    }) as Record<string, string>[];
  } catch (error) {
    throw new InvalidFieldError({ field: 'csv', reason: `cannot be read: ${(error as Error).message}` });
  }
  if (records.length === 0)
    throw new InvalidFieldError({ field: 'csv', reason: 'has no rows under its header' });
  if (records.length > MAX_ROWS)
    throw new InvalidFieldError({ field: 'csv', reason: `has more than ${MAX_ROWS} rows; split it` });

  const results: ImportRowResult[] = [];
  const candidates: DeviceInsert[] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const row = index + 2; // the header is row 1
    try {
      const device = rowToDevice(record, row);
      const identifier = String(device.values['imei_serial']);
      if (seen.has(identifier)) {
        results.push({
          row,
          status: 'skipped',
          imei_serial: identifier,
          message: 'duplicate of an earlier row of the file',
        });
        return;
      }
      seen.add(identifier);
      candidates.push(device);
    } catch (error) {
      const e = error as { extensions?: { field?: string }; message: string };
      results.push({
        row,
        status: 'error',
        ...(e.extensions?.field ? { field: e.extensions.field } : {}),
        message: e.message,
      });
    }
  });

  for (let start = 0; start < candidates.length; start += BATCH) {
    const batch = candidates.slice(start, start + BATCH);
    const inserted = (await ctx
      .knex('devices')
      .insert(batch.map((d) => ({ ...d.values, shop_id: ctx.shopId, created_by: ctx.userId })))
      .onConflict(['shop_id', 'imei_serial'])
      .ignore()
      .returning(['id', 'imei_serial'])) as { id: number; imei_serial: string }[];
    const ids = new Map(inserted.map((r) => [r.imei_serial, r.id]));
    for (const device of batch) {
      const identifier = String(device.values['imei_serial']);
      const id = ids.get(identifier);
      results.push(
        id === undefined
          ? {
              row: device.row,
              status: 'skipped',
              imei_serial: identifier,
              message: 'already registered in your shop',
            }
          : { row: device.row, status: 'created', imei_serial: identifier, id },
      );
    }
  }
  results.sort((a, b) => a.row - b.row);
  const summary = { rows: records.length, created: 0, skipped: 0, error: 0 };
  for (const r of results) summary[r.status]++;
  audit(ctx, { entityType: 'devices', entityId: 'import', action: 'import', newValue: summary });
  return { summary, rows: results };
}
