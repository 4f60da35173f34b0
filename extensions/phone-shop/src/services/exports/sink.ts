// Writing to the response with backpressure: an exporter waits whenever the client reads slower than
// the database answers, so a million rows never pile up in the server's memory.
import type { Writable } from 'node:stream';

/** The client went away (or the response failed) while an export was being written. */
export class SinkClosedError extends Error {
  constructor() {
    super('the response was closed before the export was complete');
    this.name = 'SinkClosedError';
  }
}

/** Resolves once `out` wants more data; rejects if it closes or fails first. */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(new SinkClosedError());
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => done();
    const onClose = (): void => done(new SinkClosedError());
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onClose);
  });
}

/** Writes a chunk and waits if the stream's buffer is full. */
export async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new SinkClosedError();
  if (!out.write(chunk)) await drained(out);
}

/** Ends the stream and waits until everything is flushed. */
export function finish(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.destroyed) {
      reject(new SinkClosedError());
      return;
    }
    out.once('error', reject);
    out.end(() => {
      out.off('error', reject);
      resolve();
    });
  });
}

/** Resolves once a piped-into stream has flushed everything (for writers that end it themselves). */
export function finished(out: Writable): Promise<void> {
  if (out.writableFinished) return Promise.resolve();
  if (out.destroyed) return Promise.reject(new SinkClosedError());
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      out.off('finish', onFinish);
      out.off('close', onClose);
      out.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onFinish = (): void => done();
    const onClose = (): void => done(out.writableFinished ? undefined : new SinkClosedError());
    const onError = (error: Error): void => done(error);
    out.on('finish', onFinish);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

/** Between rows: stop if the client went away, wait if it reads slower than we write. */
export async function pace(out: Writable): Promise<void> {
  if (out.destroyed) throw new SinkClosedError();
  if (out.writableNeedDrain) await drained(out);
}
