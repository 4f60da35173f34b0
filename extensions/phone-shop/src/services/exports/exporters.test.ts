// Each exporter renders the same small table; the output is read back with a real parser (csv-parse,
// exceljs, unpdf, JSON.parse).
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { writeCsv } from './csv.ts';
import { writeJson } from './json.ts';
import { writePdf } from './pdf.ts';
import type { Exporter } from './send.ts';
import { contentDisposition } from './send.ts';
import type { ExportMeta, Row, Table } from './table.ts';
import { writeXlsx, XLSX_HEADER_ROW } from './xlsx.ts';

const meta: ExportMeta = {
  title: 'Sales',
  shop: {
    name: 'Kampala Phone Hub',
    code: 'KPH',
    currency: 'UGX',
    timezone: 'Africa/Kampala',
    address: 'Plot 1 Kampala Road',
    phone: '+256700000000',
    logo: null,
  },
  period: { from: '2026-03-01', to: '2026-03-31' },
  generatedAt: new Date('2026-04-01T09:00:00Z'),
};

const ROWS: Row[] = [
  {
    number: 'KPH-2026-000001',
    at: new Date('2026-03-15T20:30:00Z'),
    customer: 'Kato, Moses',
    note: 'said "fast"\nand left',
    amount: 1_250_000,
    day: '2026-03-15',
    paid: true,
    quantity: 3,
  },
  {
    number: 'KPH-2026-000002-R',
    at: '2026-03-16T07:05:00.000Z',
    customer: null,
    note: '=HYPERLINK("http://x")',
    amount: -520_000,
    day: '2026-03-16',
    paid: false,
    quantity: 1,
  },
];

function table(rows: Iterable<Row> | AsyncIterable<Row> = ROWS): Table {
  return {
    columns: [
      { key: 'number', label: 'Sale number', type: 'text' },
      { key: 'at', label: 'Date', type: 'datetime' },
      { key: 'customer', label: 'Customer', type: 'text' },
      { key: 'note', label: 'Notes', type: 'text' },
      { key: 'amount', label: 'Amount', type: 'money' },
      { key: 'day', label: 'Day', type: 'date' },
      { key: 'paid', label: 'Paid', type: 'boolean' },
      { key: 'quantity', label: 'Qty', type: 'integer' },
    ],
    rows,
    summary: [
      { label: 'Sales', type: 'integer', value: 2 },
      { label: 'Total', type: 'money', value: 730_000 },
    ],
  };
}

async function render(exporter: Exporter, t: Table = table(), m: ExportMeta = meta): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exporter(out, m, t);
  return Buffer.concat(chunks);
}

async function* slowly(rows: Row[]): AsyncGenerator<Row> {
  for (const row of rows) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    yield row;
  }
}

describe('CSV', () => {
  it('starts with a UTF-8 BOM, ends records with CRLF, and quotes commas, quotes and line breaks', async () => {
    const bytes = await render(writeCsv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.startsWith('Sale number,Date,Customer,Notes,Amount,Day,Paid,Qty\r\n')).toBe(true);
    expect(text).toContain('"Kato, Moses","said ""fast""\nand left"');
    const records = parse(text) as string[][];
    expect(records).toEqual([
      ['Sale number', 'Date', 'Customer', 'Notes', 'Amount', 'Day', 'Paid', 'Qty'],
      [
        'KPH-2026-000001',
        '2026-03-15 23:30',
        'Kato, Moses',
        'said "fast"\nand left',
        '1250000',
        '2026-03-15',
        'true',
        '3',
      ],
      [
        'KPH-2026-000002-R',
        '2026-03-16 10:05',
        '',
        `'=HYPERLINK("http://x")`,
        '-520000',
        '2026-03-16',
        'false',
        '1',
      ],
    ]);
  });

  it('keeps a phone number with its plus sign (not a formula)', async () => {
    const bytes = await render(writeCsv, {
      columns: [{ key: 'phone', label: 'Phone', type: 'text' }],
      rows: [{ phone: '+256772000111' }, { phone: '-1+cmd' }],
    });
    expect(parse(bytes.toString('utf8').slice(1))).toEqual([['Phone'], ['+256772000111'], ["'-1+cmd"]]);
  });

  it('gives minor digits for currencies that have them', async () => {
    const bytes = await render(
      writeCsv,
      { columns: [{ key: 'a', label: 'A', type: 'money' }], rows: [{ a: 1999 }] },
      { ...meta, shop: { ...meta.shop, currency: 'USD' } },
    );
    expect(bytes.toString('utf8')).toBe('\ufeffA\r\n19.99\r\n');
  });

  it('streams rows from an async source', async () => {
    const bytes = await render(writeCsv, table(slowly(ROWS)));
    expect(parse(bytes.toString('utf8').slice(1))).toHaveLength(3);
  });
});

describe('JSON', () => {
  it('is the API envelope with typed values, the summary read after the rows', async () => {
    const summary = [{ label: 'Rows', type: 'integer' as const, value: null as number | null }];
    async function* counted(): AsyncGenerator<Row> {
      yield* slowly(ROWS);
      summary[0] = { ...summary[0], label: 'Rows', type: 'integer', value: ROWS.length };
    }
    const t = { ...table(counted()), summary };
    const body = JSON.parse((await render(writeJson, t)).toString('utf8')) as {
      success: boolean;
      data: Record<string, unknown> & { rows: Record<string, unknown>[] };
    };
    expect(body.success).toBe(true);
    expect(body.data).toMatchObject({
      title: 'Sales',
      shop: { name: 'Kampala Phone Hub', code: 'KPH', currency: 'UGX', timezone: 'Africa/Kampala' },
      period: { from: '2026-03-01', to: '2026-03-31' },
      generated_at: '2026-04-01T09:00:00.000Z',
      summary: [{ label: 'Rows', type: 'integer', value: 2 }],
    });
    expect(body.data.rows).toEqual([
      {
        number: 'KPH-2026-000001',
        at: '2026-03-15T20:30:00.000Z',
        customer: 'Kato, Moses',
        note: 'said "fast"\nand left',
        amount: 1_250_000,
        day: '2026-03-15',
        paid: true,
        quantity: 3,
      },
      {
        number: 'KPH-2026-000002-R',
        at: '2026-03-16T07:05:00.000Z',
        customer: null,
        note: '=HYPERLINK("http://x")',
        amount: -520_000,
        day: '2026-03-16',
        paid: false,
        quantity: 1,
      },
    ]);
  });

  it('is valid with no rows', async () => {
    const body = JSON.parse((await render(writeJson, table([]))).toString('utf8')) as {
      data: { rows: unknown[] };
    };
    expect(body.data.rows).toEqual([]);
  });
});

describe('XLSX', () => {
  it('has typed cells, currency formats, a bold frozen header, the head above and the summary below', async () => {
    const workbook = new ExcelJS.Workbook();
    // exceljs's types predate Node's generic Buffer.
    await workbook.xlsx.load(
      (await render(writeXlsx, table(slowly(ROWS)))) as unknown as Parameters<ExcelJS.Xlsx['load']>[0],
    );
    expect(workbook.title).toBe('Sales');
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('A1').value).toBe('Sales');
    expect(sheet.getCell('A2').text).toContain('Kampala Phone Hub');
    expect(sheet.getCell('B2').text).toContain('2026-03-01 to 2026-03-31');
    const header = sheet.getRow(XLSX_HEADER_ROW);
    expect(header.getCell(1).value).toBe('Sale number');
    expect(header.getCell(1).font.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });

    const first = sheet.getRow(XLSX_HEADER_ROW + 1);
    expect(first.getCell(1).value).toBe('KPH-2026-000001');
    expect(first.getCell(2).value).toEqual(new Date('2026-03-15T23:30:00Z'));
    expect(first.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(first.getCell(5).value).toBe(1_250_000);
    expect(first.getCell(5).numFmt).toBe('"UGX" #,##0');
    expect(first.getCell(6).value).toEqual(new Date('2026-03-15T00:00:00Z'));
    expect(first.getCell(7).value).toBe(true);
    expect(first.getCell(8).value).toBe(3);
    const second = sheet.getRow(XLSX_HEADER_ROW + 2);
    expect(second.getCell(3).value).toBeNull();
    expect(second.getCell(4).value).toBe('=HYPERLINK("http://x")');
    expect(second.getCell(5).value).toBe(-520_000);

    const total = sheet.getRow(XLSX_HEADER_ROW + 5);
    expect(total.getCell(1).value).toBe('Total');
    expect(total.getCell(2).value).toBe(730_000);
    expect(total.getCell(2).numFmt).toBe('"UGX" #,##0');
  });

  it('goes on in a new sheet, head and header repeated, when a sheet is full', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await render((out, m, t) => writeXlsx(out, m, t, 1), table(slowly(ROWS)));
    await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Sales', 'Sales (2)']);
    const [first, second] = workbook.worksheets;
    expect(first?.getRow(XLSX_HEADER_ROW + 1).getCell(1).value).toBe('KPH-2026-000001');
    expect(second?.getCell('A1').value).toBe('Sales (part 2)');
    expect(second?.getRow(XLSX_HEADER_ROW).getCell(1).value).toBe('Sale number');
    expect(second?.getRow(XLSX_HEADER_ROW + 1).getCell(1).value).toBe('KPH-2026-000002-R');
    expect(second?.getRow(XLSX_HEADER_ROW + 4).getCell(1).value).toBe('Total');
  });
});

describe('PDF', () => {
  it('prints the shop, title, period, generation time in shop time, the rows and the summary', async () => {
    const pdf = await getDocumentProxy(new Uint8Array(await render(writePdf)));
    const { text } = await extractText(pdf, { mergePages: true });
    for (const expected of [
      'Kampala Phone Hub',
      'Sales',
      'Period: 2026-03-01 to 2026-03-31',
      'Generated: 2026-04-01 12:00 (Africa/Kampala)',
      'KPH-2026-000001',
      '2026-03-15 23:30',
      'UGX 1,250,000',
      '-UGX 520,000',
      'UGX 730,000',
    ])
      expect(text).toContain(expected);
  });

  it('goes on over pages with the header repeated on each', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({
      ...ROWS[0],
      number: `KPH-2026-${String(i + 1).padStart(6, '0')}`,
    }));
    const pdf = await getDocumentProxy(new Uint8Array(await render(writePdf, table(slowly(rows)))));
    expect(pdf.numPages).toBeGreaterThan(2);
    const { text } = await extractText(pdf, { mergePages: false });
    for (const page of text) expect(page).toContain('Sale number');
    expect(text.join('\n')).toContain('KPH-2026-000150');
  });

  it("draws the shop's logo, and leaves out one it cannot read", async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const withLogo = await render(writePdf, table(), { ...meta, shop: { ...meta.shop, logo: png } });
    expect(withLogo.toString('latin1')).toContain('/Subtype /Image');
    const broken = await render(writePdf, table(), {
      ...meta,
      shop: { ...meta.shop, logo: Buffer.from('not an image') },
    });
    expect(broken.toString('latin1')).not.toContain('/Subtype /Image');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(broken)), { mergePages: true });
    expect(text).toContain('Kampala Phone Hub');
  });

  it('turns landscape with many columns', async () => {
    const columns = Array.from({ length: 10 }, (_, i) => ({
      key: `c${i}`,
      label: `C${i}`,
      type: 'text' as const,
    }));
    const pdf = await getDocumentProxy(new Uint8Array(await render(writePdf, { columns, rows: [] })));
    const page = await pdf.getPage(1);
    const [, , width = 0, height = 0] = page.view;
    expect(width).toBeGreaterThan(height);
  });
});

describe('file names', () => {
  it('adds the extension and keeps the header ASCII', () => {
    expect(contentDisposition('sales-KPH-2026-03-01_2026-03-31', 'csv')).toBe(
      'attachment; filename="sales-KPH-2026-03-01_2026-03-31.csv"',
    );
    expect(contentDisposition('ventes café', 'pdf')).toBe(
      `attachment; filename="ventes-caf-.pdf"; filename*=UTF-8''ventes%20caf%C3%A9.pdf`,
    );
  });
});
