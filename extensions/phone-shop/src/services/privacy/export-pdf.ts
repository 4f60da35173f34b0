// The customer's data export as a readable A4 PDF (pdfkit, loaded by the first PDF as the receipts and
// exports load it): the same sections as the JSON document, times in the shop's timezone, amounts in
// its currency. Built-in Helvetica, like the other PDFs: characters outside Latin-1 do not print.
import { formatMoney, localDateTime } from '../exports/format.ts';
import type { CustomerDataDocument } from './export.service.ts';

type Row = Record<string, unknown>;

const MARGIN = 50;

function render(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export async function customerDataPdf(document: CustomerDataDocument): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const { currency, timezone } = document.shop;
  const customer = document.customer;
  const title = `Personal data held about ${String(customer['name'])}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: title, Author: document.shop.name },
  });
  const width = doc.page.width - 2 * MARGIN;

  const text = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '-';
    if (value instanceof Date) return localDateTime(value, timezone);
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value as string | number | boolean);
  };
  const when = (value: unknown): string =>
    value instanceof Date || typeof value === 'string' ? localDateTime(value, timezone) : '-';
  // Amounts are integers in minor units; a bigint column may come as its decimal text.
  const amount = (value: unknown): number | null => {
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
    return null;
  };
  const money = (value: unknown): string => {
    const minor = amount(value);
    return minor === null ? '-' : formatMoney(minor, currency);
  };
  const nonZero = (value: unknown): boolean => (amount(value) ?? 0) !== 0;

  const heading = (label: string, count?: number): void => {
    doc.moveDown(1);
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(count === undefined ? label : `${label} (${count})`, MARGIN, doc.y, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(9);
  };
  const line = (value: string, indent = 0, bold = false): void => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(9)
      .text(value, MARGIN + indent, doc.y, { width: width - indent });
  };
  const field = (label: string, value: string, indent = 0): void => line(`${label}: ${value}`, indent);
  const none = (): void => line('None.', 0);

  doc.font('Helvetica-Bold').fontSize(18).text(title, { width });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `${document.shop.name} · generated ${localDateTime(document.generated_at, timezone)} (${timezone}) · amounts in ${currency}`,
      { width },
    );

  heading('Customer');
  for (const [label, key] of [
    ['Customer number', 'id'],
    ['Name', 'name'],
    ['Phone', 'phone'],
    ['E-mail', 'email'],
    ['Address', 'address'],
    ['ID number', 'id_number'],
    ['Date of birth', 'date_of_birth'],
    ['Gender', 'gender'],
    ['Notes', 'notes'],
    ['Loyalty points', 'loyalty_points'],
  ] as const)
    field(label, text(customer[key]));
  field('Total purchases', money(customer['total_purchases']));
  field('Customer since', when(customer['created_at']));
  if (customer['erased_at']) field('Erased', when(customer['erased_at']));

  heading('Sales', document.sales.length);
  if (document.sales.length === 0) none();
  for (const sale of document.sales) {
    doc.moveDown(0.4);
    line(
      `${text(sale['sale_number'])} · ${when(sale['created_at'])} · ${text(sale['kind'])} · ${text(sale['status'])} · ${money(sale['final_amount'])}`,
      0,
      true,
    );
    for (const item of sale.items)
      line(
        `${text(item['quantity'])} × ${text(item['item_name'])}${item['imei_serial'] ? ` (IMEI/serial ${text(item['imei_serial'])})` : ''}: ${money(item['total_price'])}`,
        12,
      );
    field('Total', money(sale['total_amount']), 12);
    if (nonZero(sale['discount_amount'])) field('Discount', money(sale['discount_amount']), 12);
    if (nonZero(sale['tax_amount'])) field('Tax', money(sale['tax_amount']), 12);
    for (const payment of sale.payments)
      line(
        `Paid by ${text(payment['method'])}: ${money(payment['amount'])}${payment['reference'] ? ` (ref. ${text(payment['reference'])})` : ''}`,
        12,
      );
    if (nonZero(sale['loyalty_points_earned']) || nonZero(sale['loyalty_points_redeemed']))
      field(
        'Loyalty points',
        `${text(sale['loyalty_points_earned'])} earned, ${text(sale['loyalty_points_redeemed'])} redeemed`,
        12,
      );
    if (sale['notes']) field('Notes', text(sale['notes']), 12);
    if (sale['reversal_reason']) field('Reversal reason', text(sale['reversal_reason']), 12);
  }

  heading('Repairs', document.repairs.length);
  if (document.repairs.length === 0) none();
  for (const repair of document.repairs) {
    doc.moveDown(0.4);
    line(
      `${text(repair['repair_number'])} · ${when(repair['created_at'])} · ${text(repair['status'])} · ${text(repair['device_brand'])} ${text(repair['device_model'])}`,
      0,
      true,
    );
    if (repair['imei_serial']) field('IMEI/serial', text(repair['imei_serial']), 12);
    field('Issue', text(repair['issue_description']), 12);
    field('Repair type', text(repair['repair_type']), 12);
    if (amount(repair['estimated_cost']) !== null)
      field('Estimated cost', money(repair['estimated_cost']), 12);
    if (amount(repair['actual_cost']) !== null) field('Actual cost', money(repair['actual_cost']), 12);
    if (repair['delivered_at']) field('Delivered', when(repair['delivered_at']), 12);
    if (repair['warranty_expires_at']) field('Warranty until', text(repair['warranty_expires_at']), 12);
    if (repair['notes']) field('Notes', text(repair['notes']), 12);
    for (const step of repair.status_history)
      line(
        `${when(step['changed_at'])}: ${step['old_status'] ? `${text(step['old_status'])} -> ` : ''}${text(step['new_status'])}${step['notes'] ? ` (${text(step['notes'])})` : ''}`,
        12,
      );
    for (const part of repair.parts) line(`Part: ${text(part['quantity'])} × ${text(part['item_name'])}`, 12);
    for (const payment of repair.payments)
      line(
        `Paid by ${text(payment['method'])}: ${money(payment['amount'])} on ${when(payment['created_at'])}`,
        12,
      );
  }

  heading('Devices', document.devices.length);
  if (document.devices.length === 0) none();
  for (const device of document.devices)
    line(
      `${text(device['brand'])} ${text(device['model'])} · IMEI/serial ${text(device['imei_serial'])} · ${text(device['condition'])} · ${text(device['status'])}${device['warranty_expires_at'] ? ` · warranty until ${text(device['warranty_expires_at'])}` : ''}${device['notes'] ? ` · ${text(device['notes'])}` : ''}`,
    );

  heading('Loyalty points', document.loyalty_transactions.length);
  if (document.loyalty_transactions.length === 0) none();
  for (const movement of document.loyalty_transactions)
    line(
      `${when(movement['created_at'])}: ${text(movement['points'])} (${text(movement['transaction_type'])})${movement['notes'] ? `: ${text(movement['notes'])}` : ''}`,
    );

  const entries = (label: string, rows: Row[], describe: (row: Row) => string): void => {
    heading(label, rows.length);
    if (rows.length === 0) none();
    for (const row of rows) line(describe(row));
  };
  entries(
    'Messages that mention them',
    document.notifications,
    (n) => `${when(n['created_at'])}: ${text(n['title'])}: ${text(n['message'])}`,
  );
  entries(
    'Audit trail',
    document.audit_entries,
    (a) =>
      `${when(a['created_at'])}: ${text(a['action'])} of ${text(a['entity_type'])} ${text(a['entity_id'])}${a['old_value'] ? `; before: ${text(a['old_value'])}` : ''}${a['new_value'] ? `; after: ${text(a['new_value'])}` : ''}`,
  );
  entries(
    'Events sent to the shop’s integrations',
    document.events,
    (e) => `${when(e['created_at'])}: ${text(e['event_type'])} (${text(e['status'])}): ${text(e['payload'])}`,
  );
  entries(
    'Other records that mention them',
    document.mentions,
    (m) => `${text(m['table'])} ${text(m['id'])}, ${text(m['column'])}: ${text(m['text'])}`,
  );
  return render(doc);
}
