// Streaming guarantees: a client that stops reading stops the reading of rows (memory stays flat), a
// client that goes away closes the rows' source, and a failure before or after the first byte ends
// the response the right way. Over a real HTTP server and real streams.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Response } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCsv } from './csv.ts';
import { writeJson } from './json.ts';
import { writePdf } from './pdf.ts';
import { EXPORTERS, sendExport, type Exporter } from './send.ts';
import { SinkClosedError } from './sink.ts';
import type { ExportFormat, ExportMeta, Row, Table } from './table.ts';
import { writeXlsx } from './xlsx.ts';

const meta: ExportMeta = {
  title: 'Sales',
  shop: {
    name: 'Kampala Phone Hub',
    code: 'KPH',
    currency: 'UGX',
    timezone: 'Africa/Kampala',
    address: null,
    phone: null,
    logo: null,
  },
  period: null,
  generatedAt: new Date('2026-04-01T09:00:00Z'),
};

/** An endless source that counts what was read and whether it was closed. */
function source(failAt?: number): { table: Table; read: () => number; closed: () => boolean } {
  let read = 0;
  let closed = false;
  async function* rows(): AsyncGenerator<Row> {
    try {
      for (;;) {
        if (read === failAt) throw new Error('the database went away');
        read += 1;
        // A database cursor waits for its next batch now and then: the event loop runs.
        if (read % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
        yield await Promise.resolve({
          n: read,
          at: new Date(1_700_000_000_000 + read * 1000),
          text: `row ${read}`,
          amount: read * 1000,
        });
        if (failAt === undefined && read > 2_000_000) return;
      }
    } finally {
      closed = true;
    }
  }
  return {
    table: {
      columns: [
        { key: 'n', label: 'N', type: 'integer' },
        { key: 'at', label: 'At', type: 'datetime' },
        { key: 'text', label: 'Text', type: 'text' },
        { key: 'amount', label: 'Amount', type: 'money' },
      ],
      rows: rows(),
    },
    read: () => read,
    closed: () => closed,
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A destination that accepts a few bytes and then never again (a client that stopped reading). */
function stalledClient(): Writable {
  let accepted = 0;
  return new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      accepted += chunk.length;
      if (accepted < 4096) callback();
    },
  });
}

describe.each<[string, Exporter, number]>([
  ['csv', writeCsv, 5_000],
  ['json', writeJson, 5_000],
  ['xlsx', writeXlsx, 20_000],
  ['pdf', writePdf, 5_000],
])('%s backpressure', (_format, exporter, bound) => {
  it('reads no more rows while the client does not read, and closes the source when it goes', async () => {
    const { table, read, closed } = source();
    const out = stalledClient();
    const writing = exporter(out, meta, table);
    // Compression runs on the thread pool: wait until reading has stopped, then a while longer.
    let stalledAt = -1;
    for (let i = 0; i < 20 && read() !== stalledAt; i++) {
      stalledAt = read();
      await pause(200);
    }
    expect(stalledAt).toBeGreaterThan(0);
    expect(stalledAt).toBeLessThan(bound);
    await pause(300);
    expect(read()).toBe(stalledAt);

    out.destroy();
    await expect(writing).rejects.toBeInstanceOf(SinkClosedError);
    expect(closed()).toBe(true);
  });
});

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** Serves one export over HTTP; resolves with what sendExport did. */
function serve(
  format: ExportFormat,
  table: Table,
): Promise<{ url: string; outcome: Promise<{ error: unknown; headersSent: boolean; logged: unknown[] }> }> {
  return new Promise((resolve) => {
    let settle: (value: { error: unknown; headersSent: boolean; logged: unknown[] }) => void = () =>
      undefined;
    const outcome = new Promise<{ error: unknown; headersSent: boolean; logged: unknown[] }>((r) => {
      settle = r;
    });
    server = createServer((_req: IncomingMessage, res: ServerResponse) => {
      const logged: unknown[] = [];
      sendExport(res as unknown as Response, format, meta, table, 'sales', {
        error: (obj) => logged.push(obj),
      }).then(
        () => {
          settle({ error: null, headersSent: res.headersSent, logged });
        },
        (error: unknown) => {
          settle({ error, headersSent: res.headersSent, logged });
          res.statusCode = 500;
          res.end('failed before the file');
        },
      );
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server?.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${String(port)}/`, outcome });
    });
  });
}

describe('sendExport over HTTP', () => {
  it('sends a complete file with its type and name', async () => {
    const rows: Row[] = [{ n: 1, at: null, text: 'a', amount: 5 }];
    const { table } = source();
    const { url, outcome } = await serve('csv', { ...table, rows });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(EXPORTERS.csv.contentType);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="sales.csv"');
    expect(await response.text()).toBe('N,At,Text,Amount\r\n1,,a,5\r\n');
    expect((await outcome).error).toBeNull();
  });

  it('a failure at the first row answers nothing yet: the caller gives its error', async () => {
    const { table, closed } = source(0);
    const { url, outcome } = await serve('xlsx', table);
    const response = await fetch(url);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('failed before the file');
    const result = await outcome;
    expect(result.error).toBeInstanceOf(Error);
    expect(result.headersSent).toBe(false);
    expect(closed()).toBe(true);
  });

  it('a failure after the file began cuts the download (never a file that looks complete) and is logged', async () => {
    const { table, closed } = source(20_000);
    const { url, outcome } = await serve('json', table);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    const result = await outcome;
    expect(result.error).toBeNull();
    expect(result.logged).toHaveLength(1);
    expect(closed()).toBe(true);
  });

  it('a client that goes away mid-download closes the source, without an error logged', async () => {
    const { table, closed, read } = source();
    const { url, outcome } = await serve('csv', table);
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    const result = await outcome;
    expect(result.logged).toHaveLength(0);
    expect(closed()).toBe(true);
    expect(read()).toBeLessThan(2_000_000);
  });
});
