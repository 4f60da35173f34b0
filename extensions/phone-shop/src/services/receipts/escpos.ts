// ESC/POS bytes for an 80 mm thermal printer (48 columns of font A), with the maintained encoder of
// the field; characters outside the printer's code page are mapped by the encoder. The encoder and its
// code page tables are loaded by the first ESC/POS receipt, not by every server (as pdfkit, pdf.ts).
import type { Receipt } from './receipt.ts';

export async function receiptEscPos(receipt: Receipt, columns = 48): Promise<Uint8Array> {
  const { default: ReceiptPrinterEncoder } = await import('@point-of-sale/receipt-printer-encoder');
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns });
  encoder.initialize().codepage('auto').align('center').bold(true).line(receipt.shop.name).bold(false);
  if (receipt.shop.address) encoder.line(receipt.shop.address);
  encoder.line(`Tel: ${receipt.shop.phone}`).rule().align('left');
  const pair = (left: string, right: string): void => {
    encoder.table(
      [
        { width: columns - 20, align: 'left' },
        { width: 20, align: 'right' },
      ],
      [[left, right]],
    );
  };
  pair(`${receipt.title} No:`, receipt.number);
  pair('Date:', receipt.date);
  for (const party of receipt.parties) encoder.line(`${party.label}: ${party.value}`);
  encoder.rule();
  for (const line of receipt.lines) {
    encoder.line(line.name);
    pair(`  ${line.quantity} x ${line.unitPrice}`, line.total);
  }
  encoder.rule();
  for (const total of receipt.totals) {
    if (total.label === 'TOTAL') encoder.bold(true);
    pair(total.label, total.value);
    if (total.label === 'TOTAL') encoder.bold(false);
  }
  for (const payment of receipt.payments) pair(`Paid by ${payment.label}`, payment.value);
  encoder.rule().align('center').line(receipt.footer).newline(3).cut('partial');
  return encoder.encode();
}
