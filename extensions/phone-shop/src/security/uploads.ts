// Uploads are checked by what they are, not by what they say they are (docs/security.md, "Uploads").
// POST /files and PATCH /files/:id with multipart/form-data are read here first, within a size
// limit: each file's type is read from its content (file-type), it must be one the upload's purpose
// allows (the form field `purpose`: logo, device_photo, expense_receipt, import, or document by
// default), images are decoded and encoded again (sharp: metadata, EXIF position and anything
// hidden after the image are gone), and Directus then stores the checked file under its real type.
// Shop accounts cannot create file records without content, import files from URLs, or change a
// stored file's type.
import { Readable } from 'node:stream';
import type { Accountability } from '@directus/types';
import busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { UploadRefusedError } from '../errors.ts';
import { refuse } from './request-edge.ts';

export const PURPOSES = ['logo', 'device_photo', 'expense_receipt', 'import', 'document'] as const;
export type Purpose = (typeof PURPOSES)[number];

const IMAGES = ['image/jpeg', 'image/png', 'image/webp'] as const;
const PDF = 'application/pdf';
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MB = 1024 * 1024;

export const UPLOAD_RULES: Record<Purpose, { types: readonly string[]; maxBytes: number; label: string }> = {
  logo: { types: IMAGES, maxBytes: 2 * MB, label: 'a JPEG, PNG or WebP image' },
  device_photo: { types: IMAGES, maxBytes: 10 * MB, label: 'a JPEG, PNG or WebP image' },
  expense_receipt: {
    types: [...IMAGES, PDF],
    maxBytes: 10 * MB,
    label: 'a JPEG, PNG or WebP image or a PDF',
  },
  import: { types: [CSV, XLSX], maxBytes: 20 * MB, label: 'a CSV or XLSX file' },
  document: { types: [...IMAGES, PDF], maxBytes: 10 * MB, label: 'a JPEG, PNG or WebP image or a PDF' },
};

/** The largest upload of any purpose: a request above it is not read. */
const MAX_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_RULES).map((r) => r.maxBytes));
/** Decoding an image larger than this (in pixels) is refused: a small file can hold a huge image. */
const MAX_PIXELS = 40_000_000;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  [PDF]: 'pdf',
  [CSV]: 'csv',
  [XLSX]: 'xlsx',
};

/** Fields of the file stored by Directus that only the upload itself sets. */
const FILE_CONTENT_FIELDS = [
  'type',
  'filename_disk',
  'storage',
  'filesize',
  'width',
  'height',
  'duration',
  'metadata',
];

export interface CheckedFile {
  type: string;
  data: Buffer;
}

/** Whether a buffer is text a CSV import can read: UTF-8, no NUL, at least one line with a separator. */
function looksLikeCsv(data: Buffer): boolean {
  if (data.includes(0)) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
  if (text.includes('\ufffd')) return false;
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return first.length > 0 && /[,;\t]/.test(first);
}

/** Reads a file's real type from its content and checks it against the purpose; re-encodes images. */
export async function checkFile(purpose: Purpose, data: Buffer): Promise<CheckedFile> {
  const rule = UPLOAD_RULES[purpose];
  if (data.length === 0) throw new UploadRefusedError({ reason: 'the file is empty' });
  if (data.length > rule.maxBytes)
    throw new UploadRefusedError({ reason: `it is larger than ${rule.maxBytes / MB} MB` });
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(data);
  const type = detected?.mime ?? (looksLikeCsv(data) ? CSV : null);
  if (!type || !rule.types.includes(type))
    throw new UploadRefusedError({
      reason: `a ${purpose.replace('_', ' ')} must be ${rule.label}${type ? `, and this is ${type}` : ', and this is not one'}`,
    });
  if (!(IMAGES as readonly string[]).includes(type)) return { type, data };
  const { default: sharp } = await import('sharp');
  try {
    const image = sharp(data, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const format = type === 'image/png' ? 'png' : type === 'image/webp' ? 'webp' : 'jpeg';
    return { type, data: await image.toFormat(format).toBuffer() };
  } catch (error) {
    throw new UploadRefusedError({
      reason: `the image cannot be read (${error instanceof Error ? error.message : 'unknown error'})`,
    });
  }
}

interface Part {
  kind: 'field' | 'file';
  name: string;
  value?: string;
  filename?: string;
  data?: Buffer;
}

/** Reads a whole multipart body, within the limit, into its parts in order. */
function readParts(req: Request, limit: number): Promise<Part[]> {
  return new Promise((resolve, reject) => {
    const parts: Part[] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: limit, files: 10 },
      });
    } catch {
      reject(new UploadRefusedError({ reason: 'the upload is not valid multipart/form-data' }));
      return;
    }
    parser.on('field', (name, value) => parts.push({ kind: 'field', name, value }));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () =>
        reject(new UploadRefusedError({ reason: `it is larger than ${limit / MB} MB` })),
      );
      stream.on('end', () =>
        parts.push({ kind: 'file', name, filename: info.filename, data: Buffer.concat(chunks) }),
      );
    });
    parser.on('error', () => reject(new UploadRefusedError({ reason: 'the upload could not be read' })));
    parser.on('close', () => resolve(parts));
    req.pipe(parser);
  });
}

/** A multipart body of the checked parts: fields first (Directus needs them before the file). */
function encodeParts(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----phone-shop-${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  const quote = (value: string): string => value.replace(/["\r\n\\]/g, '_');
  for (const part of [
    ...parts.filter((p) => p.kind === 'field'),
    ...parts.filter((p) => p.kind === 'file'),
  ]) {
    if (part.kind === 'field') {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"\r\n\r\n${part.value ?? ''}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"; filename="${quote(part.filename ?? 'file')}"\r\nContent-Type: ${part.value ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.data ?? Buffer.alloc(0),
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The file name with the extension of its real type. */
function renamed(filename: string | undefined, type: string): string {
  const base = (filename ?? 'file').replace(/\.[^./\\]*$/, '') || 'file';
  return `${base}.${EXTENSIONS[type] ?? 'bin'}`;
}

type UploadRequest = Request & { accountability?: Accountability | null };

export function uploadGuard(logger: { warn: (msg: string) => void }) {
  return (req: UploadRequest, res: Response, next: NextFunction): void => {
    const shopAccount = Boolean(req.accountability?.user && !req.accountability.admin);
    if (!req.is('multipart/form-data')) {
      // Without content: a file record of any type, or a stored file's type changed.
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (shopAccount && req.method === 'POST')
        return refuse(
          req,
          res,
          next,
          new UploadRefusedError({ reason: 'send the file itself as multipart/form-data' }),
        );
      if (shopAccount && FILE_CONTENT_FIELDS.some((field) => field in body))
        return refuse(
          req,
          res,
          next,
          new UploadRefusedError({ reason: 'what a file is is set by its content' }),
        );
      return next();
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD_BYTES + 64 * 1024)
      return refuse(
        req,
        res,
        next,
        new UploadRefusedError({ reason: `it is larger than ${MAX_UPLOAD_BYTES / MB} MB` }),
      );
    void (async () => {
      const parts = await readParts(req, MAX_UPLOAD_BYTES);
      const purposeField = parts.find((p) => p.kind === 'field' && p.name === 'purpose')?.value ?? 'document';
      if (!(PURPOSES as readonly string[]).includes(purposeField))
        throw new UploadRefusedError({ reason: `"purpose" must be one of ${PURPOSES.join(', ')}` });
      const purpose = purposeField as Purpose;
      const kept: Part[] = [];
      for (const part of parts) {
        if (part.kind === 'field') {
          // The purpose is this check's; what Directus sets from the content is not the caller's.
          if (part.name !== 'purpose' && !FILE_CONTENT_FIELDS.includes(part.name)) kept.push(part);
          continue;
        }
        const checked = await checkFile(purpose, part.data ?? Buffer.alloc(0));
        kept.push({
          ...part,
          data: checked.data,
          value: checked.type,
          filename: renamed(part.filename, checked.type),
        });
      }
      if (!kept.some((p) => p.kind === 'file')) throw new UploadRefusedError({ reason: 'no file was sent' });
      const { body, contentType } = encodeParts(kept);
      req.headers['content-type'] = contentType;
      req.headers['content-length'] = String(body.length);
      // Directus's files controller reads the request with req.pipe(busboy): it reads the checked body.
      req.pipe = (<T extends NodeJS.WritableStream>(destination: T): T =>
        Readable.from([body]).pipe(destination)) as typeof req.pipe;
      next();
    })().catch((error: unknown) => {
      if (!(error instanceof UploadRefusedError)) logger.warn(`upload check failed: ${String(error)}`);
      refuse(
        req,
        res,
        next,
        error instanceof UploadRefusedError
          ? error
          : new UploadRefusedError({ reason: 'the upload could not be checked' }),
      );
    });
  };
}

/** The files a business row points at, and the purpose each must have been uploaded for. */
export const ATTACHED_FILES: Record<string, Record<string, Purpose>> = {
  shops: { logo: 'logo' },
  expenses: { receipt: 'expense_receipt' },
};

/** Refuses pointing a row's file field at a file whose stored type its purpose does not allow. */
export async function checkAttachedFiles(
  database: Knex,
  collection: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const fields = ATTACHED_FILES[collection];
  if (!fields) return;
  for (const [field, purpose] of Object.entries(fields)) {
    const id = payload[field];
    if (typeof id !== 'string') continue;
    const file = (await database('directus_files').where({ id }).first('type')) as
      { type: string | null } | undefined;
    if (file && !UPLOAD_RULES[purpose].types.includes(file.type ?? ''))
      throw new UploadRefusedError({
        reason: `"${field}" must be ${UPLOAD_RULES[purpose].label}, and this file is ${file.type ?? 'of no known type'}`,
      });
  }
}
