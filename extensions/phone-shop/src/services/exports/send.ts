// Sends a table as a file download in one of the four formats, streamed. The first row is read
// before anything is answered, so that a query that fails at once becomes an ordinary error answer
// (the caller's envelope); a failure after the file has started can only cut the response short.
import type { Writable } from 'node:stream';
import type { Response } from 'express';
import { writeCsv } from './csv.ts';
import { writeJson } from './json.ts';
import { writePdf } from './pdf.ts';
import { SinkClosedError } from './sink.ts';
import type { ExportFormat, ExportMeta, Row, Table } from './table.ts';
import { writeXlsx } from './xlsx.ts';

/** Writes the whole document to `out` and ends it. */
export type Exporter = (out: Writable, meta: ExportMeta, table: Table) => Promise<void>;

export const EXPORTERS: Record<ExportFormat, { contentType: string; extension: string; write: Exporter }> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', write: writeCsv },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    write: writeXlsx,
  },
  pdf: { contentType: 'application/pdf', extension: 'pdf', write: writePdf },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json', write: writeJson },
};

export interface ExportLogger {
  error: (obj: unknown, msg?: string) => void;
}

const consoleLogger: ExportLogger = {
  error: (obj, msg) => {
    console.error(msg ?? 'export failed', obj);
  },
};

/**
 * `attachment` with an ASCII file name (anything else becomes "-") and, when the name had other
 * characters, its UTF-8 form too (RFC 6266).
 */
export function contentDisposition(filename: string, extension: string): string {
  const base = filename.replace(/\.[a-z0-9]+$/i, '') || 'export';
  const full = `${base}.${extension}`;
  const ascii = full.replace(/[^A-Za-z0-9._-]+/g, '-');
  return ascii === full
    ? `attachment; filename="${ascii}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(full)}`;
}

function iteratorOf(rows: Table['rows']): AsyncIterator<Row> | Iterator<Row> {
  return Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
}

/** The rows again, the first one already read. */
async function* replay(first: IteratorResult<Row>, iterator: AsyncIterator<Row> | Iterator<Row>) {
  let next = first;
  while (!next.done) {
    yield next.value;
    next = await iterator.next();
  }
}

export async function sendExport(
  res: Response,
  format: ExportFormat,
  meta: ExportMeta,
  table: Table,
  filename: string,
  logger: ExportLogger = consoleLogger,
): Promise<void> {
  const exporter = EXPORTERS[format];
  const iterator = iteratorOf(table.rows);
  try {
    // May throw: nothing is sent yet, so the caller answers the error as usual.
    const first = await iterator.next();
    res.statusCode = 200;
    res.setHeader('Content-Type', exporter.contentType);
    res.setHeader('Content-Disposition', contentDisposition(filename, exporter.extension));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    try {
      await exporter.write(res, meta, { ...table, rows: replay(first, iterator) });
    } catch (error) {
      // The file has started: the only honest end is a broken download, never a partial file that
      // looks complete. A client that went away is no failure of ours.
      if (!(error instanceof SinkClosedError)) logger.error(error, `export (${format}) failed mid-stream`);
      res.destroy();
    }
  } finally {
    // Closes a database cursor that was not read to its end (an error, a client gone).
    await iterator.return?.();
  }
}
