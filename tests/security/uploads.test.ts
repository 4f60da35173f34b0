// Uploads are judged by their content against their purpose: images (re-encoded) for logos and
// device photos, images and PDFs for receipts, CSV and XLSX for imports; everything else, and
// anything too large, is refused with a clear error and nothing stored. A logo or receipt field
// points only at a file of its kind. Shop accounts cannot fetch files from URLs, create files
// without content, or relabel a stored file.
import sharp from 'sharp';
import { FormData } from 'undici';
import { describe, expect, it } from 'vitest';
import { db } from '../support/context.ts';
import { codeOf, from, messageOf, newMember, tokensOf, type Caller } from './support.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
const CSV = Buffer.from('imei_serial,brand,model\n356938035643809,Tecno,Spark 20\n');

async function png(width = 8, height = 8, withExif = false): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png();
  return withExif
    ? image.withExif({ IFD0: { Artist: 'Secret Artist', Copyright: 'GPS 0.3476N 32.5825E' } }).toBuffer()
    : image.toBuffer();
}

async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Secret Artist' } })
    .toBuffer();
}

async function upload(
  caller: Caller,
  token: string,
  file: { data: Buffer; name: string; type: string },
  purpose?: string,
) {
  const form = new FormData();
  if (purpose) form.append('purpose', purpose);
  form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  return caller.request<{ data?: { id: string; type: string; filename_download: string } }>(
    'POST',
    '/files',
    {
      token,
      raw: form,
    },
  );
}

async function filesCount(): Promise<number> {
  const [row] = (await db()('directus_files').count({ n: '*' })) as [{ n: string | number }];
  return Number(row.n);
}

describe('uploads', () => {
  it('refuses every file that is not what its purpose allows, whatever it claims, and stores nothing', async () => {
    const member = await newMember('Staff', 'uploads-refused');
    const caller = from('127.0.61.1');
    const { access_token } = await tokensOf(caller, member);
    const before = await filesCount();
    const refused: { data: Buffer; name: string; type: string; purpose?: string }[] = [
      { data: HTML, name: 'page.html', type: 'text/html' },
      { data: HTML, name: 'photo.png', type: 'image/png' },
      { data: SVG, name: 'logo.svg', type: 'image/svg+xml', purpose: 'logo' },
      { data: EXE, name: 'receipt.pdf', type: 'application/pdf', purpose: 'expense_receipt' },
      { data: PDF, name: 'logo.png', type: 'image/png', purpose: 'logo' },
      { data: CSV, name: 'photo.jpg', type: 'image/jpeg', purpose: 'device_photo' },
      { data: await png(), name: 'devices.csv', type: 'text/csv', purpose: 'import' },
      { data: Buffer.alloc(0), name: 'empty.png', type: 'image/png' },
      { data: await png(), name: 'x.png', type: 'image/png', purpose: 'anything' },
    ];
    for (const file of refused) {
      const answer = await upload(caller, access_token, file, file.purpose);
      expect(answer.status, file.name).toBe(400);
      expect(codeOf(answer.body), file.name).toMatch(/UPLOAD_REFUSED/);
    }
    // Too large for a logo (2 MB), read no further.
    const big = await upload(
      caller,
      access_token,
      { data: Buffer.alloc(3 * 1024 * 1024, 7), name: 'big.png', type: 'image/png' },
      'logo',
    );
    expect(big.status).toBe(400);
    expect(messageOf(big.body)).toContain('MB');
    // A small file that decodes to a huge image.
    const bomb = await sharp({
      create: { width: 10_000, height: 10_000, channels: 3, background: '#000000' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const bombed = await upload(
      caller,
      access_token,
      { data: bomb, name: 'bomb.png', type: 'image/png' },
      'device_photo',
    );
    expect(bombed.status).toBe(400);
    expect(await filesCount()).toBe(before);
  });

  it('stores allowed files under their real type, images re-encoded without their metadata', async () => {
    const member = await newMember('Staff', 'uploads-ok');
    const caller = from('127.0.61.2');
    const { access_token } = await tokensOf(caller, member);
    const photo = await upload(
      caller,
      access_token,
      { data: await jpegWithExif(), name: 'phone', type: 'application/octet-stream' },
      'device_photo',
    );
    expect(photo.status).toBe(200);
    expect(photo.body.data?.type).toBe('image/jpeg');
    expect(photo.body.data?.filename_download).toBe('phone.jpg');
    const asset = await caller.request('GET', `/assets/${photo.body.data?.id ?? ''}`, {
      token: access_token,
    });
    expect(asset.status).toBe(200);
    const metadata = await sharp(asset.bytes).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(metadata.exif).toBeUndefined();

    const receipt = await upload(
      caller,
      access_token,
      { data: PDF, name: 'receipt.pdf', type: 'application/pdf' },
      'expense_receipt',
    );
    expect(receipt.status).toBe(200);
    expect(receipt.body.data?.type).toBe('application/pdf');
    const sheet = await upload(
      caller,
      access_token,
      { data: CSV, name: 'devices.txt', type: 'text/plain' },
      'import',
    );
    expect(sheet.status).toBe(200);
    expect(sheet.body.data?.type).toBe('text/csv');
    const pngWithExif = await upload(
      caller,
      access_token,
      { data: await png(8, 8, true), name: 'logo.png', type: 'image/png' },
      'logo',
    );
    expect(pngWithExif.status).toBe(200);
  });

  it('points a logo or a receipt only at a file of its kind', async () => {
    const owner = await newMember('Owner', 'uploads-attach');
    const caller = from('127.0.61.3');
    const { access_token } = await tokensOf(caller, owner);
    const pdf = await upload(
      caller,
      access_token,
      { data: PDF, name: 'menu.pdf', type: 'application/pdf' },
      'document',
    );
    const { shop } = (await db()('directus_users').where({ id: owner.id }).first('shop')) as { shop: number };
    const logo = await caller.request('PATCH', `/items/shops/${String(shop)}`, {
      token: access_token,
      body: { logo: pdf.body.data?.id },
    });
    expect(logo.status).toBe(400);
    expect(codeOf(logo.body)).toBe('UPLOAD_REFUSED');
  });

  it('lets no shop account fetch a file from an address, create one without content, or relabel one', async () => {
    const member = await newMember('Owner', 'uploads-paths');
    const caller = from('127.0.61.4');
    const { access_token } = await tokensOf(caller, member);
    const imported = await caller.request('POST', '/files/import', {
      token: access_token,
      body: { url: 'http://127.0.0.1:5432/' },
    });
    expect(imported.status).toBe(400);
    expect(codeOf(imported.body)).toBe('UPLOAD_REFUSED');
    const empty = await caller.request('POST', '/files', {
      token: access_token,
      body: { filename_download: 'evil.html', type: 'text/html', storage: 'local' },
    });
    expect(codeOf(empty.body)).toBe('UPLOAD_REFUSED');
    const stored = await upload(
      caller,
      access_token,
      { data: PDF, name: 'r.pdf', type: 'application/pdf' },
      'document',
    );
    const relabel = await caller.request('PATCH', `/files/${stored.body.data?.id ?? ''}`, {
      token: access_token,
      body: { type: 'text/html' },
    });
    expect(codeOf(relabel.body)).toBe('UPLOAD_REFUSED');
    expect(await db()('directus_files').where({ id: stored.body.data?.id }).first('type')).toEqual({
      type: 'application/pdf',
    });
    // Its title stays the owner's to change.
    expect(
      (
        await caller.request('PATCH', `/files/${stored.body.data?.id ?? ''}`, {
          token: access_token,
          body: { title: 'Receipt' },
        })
      ).status,
    ).toBe(200);
  });
});
