import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkFile } from './uploads.ts';

const png = (): Promise<Buffer> =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: '#ff0000' } })
    .png()
    .withExif({ IFD0: { Artist: 'Someone' } })
    .toBuffer();

describe('checkFile', () => {
  it('reads the real type from the content and re-encodes images without their metadata', async () => {
    const checked = await checkFile('logo', await png());
    expect(checked.type).toBe('image/png');
    expect((await sharp(checked.data).metadata()).exif).toBeUndefined();
  });

  it('accepts PDFs for receipts, CSV and XLSX for imports, and refuses the rest by purpose', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    expect((await checkFile('expense_receipt', pdf)).type).toBe('application/pdf');
    expect((await checkFile('import', Buffer.from('imei,brand\n123,Tecno\n'))).type).toBe('text/csv');
    await expect(checkFile('logo', pdf)).rejects.toMatchObject({ code: 'UPLOAD_REFUSED' });
    await expect(checkFile('document', Buffer.from('<html><script>1</script></html>'))).rejects.toMatchObject(
      {
        code: 'UPLOAD_REFUSED',
      },
    );
    await expect(checkFile('import', Buffer.from('binary\u0000data,x'))).rejects.toMatchObject({
      code: 'UPLOAD_REFUSED',
    });
    await expect(checkFile('document', Buffer.alloc(0))).rejects.toMatchObject({ code: 'UPLOAD_REFUSED' });
    await expect(checkFile('logo', Buffer.alloc(3 * 1024 * 1024, 1))).rejects.toMatchObject({
      code: 'UPLOAD_REFUSED',
    });
  });
});
