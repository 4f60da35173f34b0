// Receipts as PDF with pdfkit: an A4 invoice, or an 80 mm roll for thermal printers.
import type PdfKit from 'pdfkit';
import type { Receipt } from './receipt.ts';

export type PdfLayout = 'a4' | 'thermal';

const MM = 72 / 25.4;

function render(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

function drawLogo(
  doc: PDFKit.PDFDocument,
  logo: Buffer | null,
  x: number,
  y: number,
  fit: [number, number],
): void {
  if (!logo) return;
  try {
    doc.image(logo, x, y, { fit, align: 'center' });
  } catch {
    // A logo pdfkit cannot read (not PNG or JPEG) is left out rather than failing the receipt.
  }
}

function a4(PDFDocument: typeof PdfKit, receipt: Receipt): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${receipt.title} ${receipt.number}` },
  });
  const width = doc.page.width - 100;
  drawLogo(doc, receipt.shop.logo, 50, 40, [80, 60]);
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(receipt.shop.name, 150, 45, { width: width - 100, align: 'right' });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(receipt.shop.address, { width: width - 100, align: 'right' });
  doc.text(`Tel: ${receipt.shop.phone}`, { width: width - 100, align: 'right' });
  doc.moveDown(2);
  doc.font('Helvetica-Bold').fontSize(14).text(`${receipt.title} ${receipt.number}`, 50);
  doc.font('Helvetica').fontSize(10).text(`Date: ${receipt.date}`);
  for (const party of receipt.parties) doc.text(`${party.label}: ${party.value}`);
  doc.moveDown();

  const columns = [50, 300, 360, 450];
  const header = ['Item', 'Qty', 'Unit price', 'Total'];
  let y = doc.y;
  doc.font('Helvetica-Bold');
  header.forEach((h, i) =>
    doc.text(h, columns[i], y, { width: i === 0 ? 240 : 90, align: i === 0 ? 'left' : 'right' }),
  );
  doc
    .moveTo(50, doc.y + 2)
    .lineTo(50 + width, doc.y + 2)
    .stroke();
  doc.font('Helvetica');
  for (const line of receipt.lines) {
    y = doc.y + 6;
    doc.text(line.name, columns[0], y, { width: 240 });
    const after = doc.y;
    doc.text(String(line.quantity), columns[1], y, { width: 90, align: 'right' });
    doc.text(line.unitPrice, columns[2], y, { width: 90, align: 'right' });
    doc.text(line.total, columns[3], y, { width: 95, align: 'right' });
    doc.y = Math.max(after, doc.y);
  }
  doc
    .moveTo(50, doc.y + 4)
    .lineTo(50 + width, doc.y + 4)
    .stroke();
  doc.moveDown();
  for (const total of [
    ...receipt.totals,
    ...receipt.payments.map((p) => ({ label: `Paid by ${p.label}`, value: p.value })),
  ]) {
    const rowY = doc.y;
    doc.font(total.label === 'TOTAL' ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(total.label, 300, rowY, { width: 140, align: 'right' });
    doc.text(total.value, 450, rowY, { width: 95, align: 'right' });
  }
  doc.moveDown(2).font('Helvetica-Oblique').text(receipt.footer, 50, doc.y, { width, align: 'center' });
  return render(doc);
}

function thermal(PDFDocument: typeof PdfKit, receipt: Receipt): Promise<Buffer> {
  const width = 80 * MM;
  const margin = 4 * MM;
  const inner = width - 2 * margin;
  const height =
    120 * MM + receipt.lines.length * 12 * MM + (receipt.totals.length + receipt.payments.length) * 5 * MM;
  const doc = new PDFDocument({
    size: [width, height],
    margin,
    info: { Title: `${receipt.title} ${receipt.number}` },
  });
  drawLogo(doc, receipt.shop.logo, margin, margin, [inner, 40]);
  if (receipt.shop.logo) doc.y = margin + 44;
  const center = (text: string, font = 'Helvetica', size = 8): void => {
    doc.font(font).fontSize(size).text(text, margin, doc.y, { width: inner, align: 'center' });
  };
  const pair = (left: string, right: string, font = 'Helvetica'): void => {
    const y = doc.y;
    doc
      .font(font)
      .fontSize(8)
      .text(left, margin, y, { width: inner * 0.55 });
    const after = doc.y;
    doc.text(right, margin + inner * 0.55, y, { width: inner * 0.45, align: 'right' });
    doc.y = Math.max(after, doc.y);
  };
  const rule = (): void => {
    doc
      .moveTo(margin, doc.y + 2)
      .lineTo(width - margin, doc.y + 2)
      .dash(1, { space: 1 })
      .stroke()
      .undash();
    doc.y += 5;
  };
  center(receipt.shop.name, 'Helvetica-Bold', 11);
  center(receipt.shop.address);
  center(`Tel: ${receipt.shop.phone}`);
  rule();
  pair(`${receipt.title} No:`, receipt.number);
  pair('Date:', receipt.date);
  for (const party of receipt.parties) pair(`${party.label}:`, party.value);
  rule();
  for (const line of receipt.lines) {
    doc.font('Helvetica').fontSize(8).text(line.name, margin, doc.y, { width: inner });
    pair(`  ${line.quantity} x ${line.unitPrice}`, line.total);
  }
  rule();
  for (const total of receipt.totals)
    pair(total.label, total.value, total.label === 'TOTAL' ? 'Helvetica-Bold' : 'Helvetica');
  for (const payment of receipt.payments) pair(`Paid by ${payment.label}`, payment.value);
  rule();
  center(receipt.footer);
  return render(doc);
}

/** pdfkit (14 MB resident) is loaded by the first PDF, as exceljs by the first XLSX: a till that prints ESC/POS never needs it. */
export async function receiptPdf(receipt: Receipt, layout: PdfLayout): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  return layout === 'a4' ? a4(PDFDocument, receipt) : thermal(PDFDocument, receipt);
}
