// The catalogue of the events the platform sends out (spec: API SPECIFICATIONS › Webhook Support):
// each type, what it means, the zod schema of its `data` and an example. The services emit events
// through `enqueueEvent` (services/outbox.ts), typed by this module; the delivery engine wraps `data`
// in the envelope below; docs/api.md's event reference is generated from it (`npm run docs:events`)
// and a test checks that it is up to date.
import { z } from 'zod';

/** The version of the envelope and of every `data` schema; a breaking change gets a new one. */
export const API_VERSION = '2026-12-01';

const money = z.number().int();
const id = z.number().int().positive();
const when = z.string().describe('ISO 8601 instant, UTC');
const personName = z.string().nullable();

const saleLine = z.object({
  product_id: id.nullable(),
  device_id: id.nullable(),
  name: z.string(),
  quantity: z.number().int(),
  unit_price: money,
  discount_amount: money,
  total_price: money,
});

const sale = z.object({
  sale_id: id,
  sale_number: z.string(),
  kind: z.enum(['sale', 'reversal']),
  reversal_of: id.nullable().describe('the sale a reversal gives back'),
  status: z.string().describe('Submitted, Approved, Rejected, Locked, Reversed (Deleted in sale.updated)'),
  currency: z.string().describe('ISO 4217, e.g. UGX'),
  subtotal: money.describe('before discount and tax; amounts are in the smallest unit of `currency`'),
  discount_amount: money,
  tax_amount: money,
  total_amount: money.describe('what the customer pays'),
  payment_method: z.string(),
  payment_status: z.string(),
  payments: z.array(z.object({ method: z.string(), amount: money, reference: z.string().nullable() })),
  payments_by_method: z.record(z.string(), money).describe('the amount paid with each method'),
  lines: z.array(saleLine),
  customer_id: id.nullable().describe('null for a walk-in sale'),
  customer: z.object({ id, name: z.string(), phone: z.string().describe('E.164') }).nullable(),
  location: z.object({ id, name: z.string() }).nullable().describe('the branch, when the till named one'),
  staff: z.object({ name: personName }),
  created_by: personName.describe("the cashier's name (the spec's example payload)"),
  created_at: when,
});

const repairChange = z.object({
  repair_id: id,
  repair_number: z.string(),
  old_status: z.string().nullable(),
  new_status: z.string(),
  device: z.string(),
  customer: z.object({ name: z.string(), phone: z.string(), email: z.string().nullable() }).nullable(),
  shop_name: z.string(),
  notes: z.string().nullable(),
});

const payment = z.object({
  payment_id: z.string(),
  subscription_plan: z.string(),
  amount: money,
  currency: z.string(),
  provider: z.string(),
  reference: z.string().nullable(),
  reason: z.string().nullable(),
});

interface EventDefinition<S extends z.ZodType> {
  description: string;
  data: S;
  example: z.input<S>;
  /** Defined now, emitted by later work (billing). */
  planned?: true;
}

const define = <S extends z.ZodType>(definition: EventDefinition<S>): EventDefinition<S> => definition;

const exampleSale: z.input<typeof sale> = {
  sale_id: 456,
  sale_number: 'KLA-S-000456',
  kind: 'sale',
  reversal_of: null,
  status: 'Submitted',
  currency: 'UGX',
  subtotal: 160000,
  discount_amount: 10000,
  tax_amount: 0,
  total_amount: 150000,
  payment_method: 'Split',
  payment_status: 'Paid',
  payments: [
    { method: 'Cash', amount: 50000, reference: null },
    { method: 'MTN Mobile Money', amount: 100000, reference: 'MP240115.1030.A12345' },
  ],
  payments_by_method: { Cash: 50000, 'MTN Mobile Money': 100000 },
  lines: [
    {
      product_id: 12,
      device_id: 88,
      name: 'Tecno Spark 20',
      quantity: 1,
      unit_price: 150000,
      discount_amount: 10000,
      total_price: 140000,
    },
    {
      product_id: 31,
      device_id: null,
      name: 'Screen protector',
      quantity: 1,
      unit_price: 10000,
      discount_amount: 0,
      total_price: 10000,
    },
  ],
  customer_id: 77,
  customer: { id: 77, name: 'Amina Nakato', phone: '+256772123456' },
  location: { id: 1, name: 'Main shop' },
  staff: { name: 'John Doe' },
  created_by: 'John Doe',
  created_at: '2024-01-15T10:30:00.000Z',
};

const exampleRepair: z.input<typeof repairChange> = {
  repair_id: 42,
  repair_number: 'KLA-R-000042',
  old_status: 'Quality Check',
  new_status: 'Completed',
  device: 'Samsung Galaxy A14',
  customer: { name: 'Amina Nakato', phone: '+256772123456', email: null },
  shop_name: 'Kampala Phones',
  notes: 'Screen replaced',
};

export const EVENT_CATALOGUE = {
  'sale.created': define({
    description:
      'A sale was made at the till (its number, totals, lines, payments, customer, staff, location).',
    data: sale,
    example: exampleSale,
  }),
  'sale.updated': define({
    description:
      'A sale changed: edited, locked, rejected, reversed or deleted (`change` says which; the sale as it is now).',
    data: sale.extend({
      change: z.enum(['edited', 'rejected', 'locked', 'reversed', 'deleted']),
      reversal_id: id.nullable(),
      reason: z.string().nullable(),
    }),
    example: {
      ...exampleSale,
      status: 'Reversed',
      change: 'reversed',
      reversal_id: 457,
      reason: 'Wrong phone',
    },
  }),
  'sale.approved': define({
    description: 'A supervisor or the Owner approved a sale.',
    data: sale.extend({
      approved_by: personName.describe("the approver's name"),
      approved_at: when.nullable(),
    }),
    example: {
      ...exampleSale,
      status: 'Approved',
      approved_by: 'Grace Namutebi',
      approved_at: '2024-01-15T11:00:00.000Z',
    },
  }),
  'repair.status_changed': define({
    description: 'A repair moved to another status (the old and the new one, the device and the customer).',
    data: repairChange,
    example: exampleRepair,
  }),
  'repair.completed': define({
    description: 'A repair reached Completed: the phone is ready for its customer.',
    data: repairChange,
    example: exampleRepair,
  }),
  'stock.low_alert': define({
    description: 'A product fell to or below its minimum stock level.',
    data: z.object({
      product_id: id,
      name: z.string(),
      stock_quantity: z.number().int(),
      min_stock_level: z.number().int(),
    }),
    example: { product_id: 31, name: 'Screen protector', stock_quantity: 2, min_stock_level: 5 },
  }),
  'closure.submitted': define({
    description: "A day's closure was submitted or corrected (expected, counted, variance per method).",
    data: z.object({
      closure_id: id,
      closure_date: z.string().describe('YYYY-MM-DD, in the shop timezone'),
      status: z.string(),
      expected_amount: money,
      total_collected: money,
      variance: money,
      large_variance: z.boolean(),
      variance_threshold: money,
      methods: z
        .array(
          z.object({
            method: z.string(),
            counted_field: z.string(),
            expected: money,
            counted: money,
            variance: money,
          }),
        )
        .nullable(),
      submitted_by: personName,
      corrected: z.boolean(),
    }),
    example: {
      closure_id: 9,
      closure_date: '2024-01-15',
      status: 'Submitted',
      expected_amount: 1250000,
      total_collected: 1245000,
      variance: -5000,
      large_variance: false,
      variance_threshold: 20000,
      methods: [
        { method: 'Cash', counted_field: 'cash_counted', expected: 750000, counted: 745000, variance: -5000 },
        {
          method: 'MTN Mobile Money',
          counted_field: 'mtn_momo_counted',
          expected: 500000,
          counted: 500000,
          variance: 0,
        },
      ],
      submitted_by: 'John Doe',
      corrected: false,
    },
  }),
  'customer.erased': define({
    description: "A customer's personal data was erased on their request: drop your copies of it.",
    data: z.object({ customer_id: id, erased_at: when }),
    example: { customer_id: 77, erased_at: '2024-01-15T10:30:00.000Z' },
  }),
  'payment.success': define({
    description: "A payment of the shop's subscription succeeded.",
    data: payment,
    example: {
      payment_id: 'pay_01HZX',
      subscription_plan: 'professional',
      amount: 150000,
      currency: 'UGX',
      provider: 'flutterwave',
      reference: 'FLW-MOCK-1234',
      reason: null,
    },
    planned: true,
  }),
  'payment.failed': define({
    description: "A payment of the shop's subscription failed (the reason the provider gave).",
    data: payment,
    example: {
      payment_id: 'pay_01HZY',
      subscription_plan: 'professional',
      amount: 150000,
      currency: 'UGX',
      provider: 'flutterwave',
      reference: 'FLW-MOCK-1235',
      reason: 'Insufficient funds',
    },
    planned: true,
  }),
  'webhook.test': define({
    description: 'Sent by "test" on one webhook only, to check that the receiver answers and verifies.',
    data: z.object({ webhook_id: id, message: z.string() }),
    example: { webhook_id: 3, message: 'This is a test event from your phone shop.' },
  }),
} as const;

export type EventCatalogue = typeof EVENT_CATALOGUE;
export type EventType = keyof EventCatalogue;
export type EventData<T extends EventType> = z.input<EventCatalogue[T]['data']>;

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

/** The types a webhook may subscribe to (the test event goes to one webhook, on request). */
export const SUBSCRIBABLE_EVENTS: readonly EventType[] = EVENT_TYPES.filter((t) => t !== 'webhook.test');

export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_CATALOGUE, value);

/** What every delivery carries: the spec's payload plus the event's id and the API version. */
export interface EventEnvelope {
  id: string;
  event: string;
  api_version: string;
  shop_id: number;
  timestamp: string;
  data: unknown;
}

/** The stable id of an outbox event, the same in every delivery and retry of it. */
export const eventId = (outboxId: number | string): string => `evt_${String(outboxId)}`;

/** The outbox id behind an event id, or null when it is not one. */
export function outboxIdOf(eventIdText: string): number | null {
  const match = /^evt_([1-9][0-9]{0,17})$/.exec(eventIdText);
  return match ? Number(match[1]) : null;
}
