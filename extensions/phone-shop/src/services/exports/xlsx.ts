// XLSX with exceljs's streaming writer: each row is committed to the zip as it comes, so the
// workbook is never whole in memory. Cells are typed (numbers, dates in the shop's local time,
// booleans), amounts carry the currency's number format, the header is bold and frozen, and the
// title, shop, period and generation time sit above the table and in the workbook's properties.
// exceljs is loaded by the first XLSX export, not when the server starts: the server's memory at
// rest is the budget of every other request (docs/decisions.md, Exports).
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { columnWidth, localDateTime, moneyNumberFormat, periodText, spreadsheetValue } from './format.ts';
import { finished, pace } from './sink.ts';
import type { Cell, Column, ColumnType, ExportMeta, Table } from './table.ts';

/** Rows above the header: title, shop and period, generation time, a blank line. */
export const XLSX_HEADER_ROW = 5;

/** Table rows per sheet: a million, leaving room under Excel's 1,048,576 for the head and summary. */
export const XLSX_ROWS_PER_SHEET = 1_000_000;

function numberFormat(type: ColumnType, currency: string): string | undefined {
  switch (type) {
    case 'money':
      return moneyNumberFormat(currency);
    case 'integer':
      return '#,##0';
    case 'number':
      return '#,##0.00';
    case 'basis_points':
      return '0.00%';
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
    default:
      return undefined;
  }
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(title: string): string {
  return (
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Export'
  );
}

export async function writeXlsx(
  out: Writable,
  meta: ExportMeta,
  table: Table,
  rowsPerSheet = XLSX_ROWS_PER_SHEET,
): Promise<void> {
  const { currency, timezone } = meta.shop;
  const generated = `${localDateTime(meta.generatedAt, timezone)} (${timezone})`;
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = meta.shop.name;
  workbook.company = meta.shop.name;
  workbook.title = meta.title;
  workbook.subject = `${meta.shop.name}: ${periodText(meta)}`;
  workbook.description = `Generated ${generated}`;
  workbook.created = meta.generatedAt;

  const columns: readonly Column[] = table.columns;
  const formats = columns.map((c) => numberFormat(c.type, currency));

  /** A sheet with the document's head and the table's header; the next ones say which part they are. */
  const openSheet = (part: number): ExcelJS.Worksheet => {
    const name = sheetName(meta.title);
    const sheet = workbook.addWorksheet(part === 1 ? name : `${name.slice(0, 26)} (${String(part)})`, {
      views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW, xSplit: 0 }],
    });
    sheet.columns = columns.map((c) => ({ key: c.key, width: columnWidth(c) + 2 }));
    const title = sheet.addRow([part === 1 ? meta.title : `${meta.title} (part ${String(part)})`]);
    title.font = { bold: true, size: 14 };
    title.commit();
    sheet.addRow([`${meta.shop.name} (${meta.shop.code})`, `Period: ${periodText(meta)}`]).commit();
    sheet.addRow([`Generated ${generated}`, `Amounts in ${currency}`]).commit();
    sheet.addRow([]).commit();
    const header = sheet.addRow(columns.map((c) => c.label));
    header.font = { bold: true };
    header.commit();
    return sheet;
  };

  const typed = (value: Cell, type: ColumnType): ExcelJS.CellValue =>
    spreadsheetValue(value, type, currency, timezone);
  let part = 1;
  let sheet = openSheet(part);
  let rowsInSheet = 0;
  for await (const row of table.rows) {
    if (rowsInSheet === rowsPerSheet) {
      // A sheet holds 1,048,576 rows at most: the table goes on in the next one.
      sheet.commit();
      part += 1;
      sheet = openSheet(part);
      rowsInSheet = 0;
    }
    const line = sheet.addRow(columns.map((c) => typed(row[c.key] ?? null, c.type)));
    formats.forEach((format, i) => {
      if (format) line.getCell(i + 1).numFmt = format;
    });
    line.commit();
    rowsInSheet += 1;
    await pace(out);
  }

  // The summary is read after the rows: a list may total its figures while they stream.
  if (table.summary?.length) {
    sheet.addRow([]).commit();
    for (const item of table.summary) {
      const line = sheet.addRow([item.label, typed(item.value, item.type)]);
      line.getCell(1).font = { bold: true };
      const format = numberFormat(item.type, currency);
      if (format) line.getCell(2).numFmt = format;
      line.commit();
    }
  }
  sheet.commit();
  await Promise.all([finished(out), workbook.commit()]);
}
