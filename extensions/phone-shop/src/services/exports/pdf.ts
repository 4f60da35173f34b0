// PDF with pdfkit: the shop's logo and name, the title, the period and when it was generated (shop
// time), then the table, page after page with its header repeated, and the summary at the end.
// Landscape when there are many columns. Each row is drawn as it arrives and each finished page is
// flushed to the response (pdfkit keeps no page once the next one starts), so memory stays flat.
import type { Writable } from 'node:stream';
import { columnWidth, displayText, localDateTime, periodText } from './format.ts';
import { finished, pace } from './sink.ts';
import type { ColumnType, ExportMeta, Table } from './table.ts';

const MARGIN = 36;
/** The table's font size: as large as fits the columns' widths in characters, within these bounds. */
const MAX_FONT_SIZE = 9;
const MIN_FONT_SIZE = 6;
/** Helvetica's average character width, in ems, for mixed text and figures. */
const AVERAGE_CHAR_EM = 0.52;
/** No Helvetica character is wider than this (W, M, @): a shorter text surely fits on one line. */
const WIDEST_CHAR_EM = 1.02;
const CELL_PADDING = 3;
/** A row shows at most this many lines of a long text; the rest ends in an ellipsis. */
const MAX_LINES = 2;
/** Above this many columns the page turns to landscape. */
const PORTRAIT_MAX_COLUMNS = 7;

const RIGHT_ALIGNED: ReadonlySet<ColumnType> = new Set(['integer', 'number', 'money', 'basis_points']);

function drawLogo(doc: PDFKit.PDFDocument, logo: Buffer | null): boolean {
  if (!logo) return false;
  try {
    doc.image(logo, MARGIN, MARGIN, { fit: [90, 50] });
    return true;
  } catch {
    // A logo pdfkit cannot read is left out rather than failing the export.
    return false;
  }
}

export async function writePdf(out: Writable, meta: ExportMeta, table: Table): Promise<void> {
  const { currency, timezone } = meta.shop;
  const columns = table.columns;
  // Loaded by the first PDF (a receipt or an export), not when the server starts.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    layout: columns.length > PORTRAIT_MAX_COLUMNS ? 'landscape' : 'portrait',
    margin: MARGIN,
    bufferPages: false,
    info: { Title: meta.title, Author: meta.shop.name, Subject: periodText(meta) },
  });
  const done = finished(out);
  // Awaited at the end; if drawing fails first, this rejection is the same failure, already handled.
  done.catch(() => undefined);
  doc.pipe(out);

  const pageWidth = doc.page.width;
  const pageHeight = doc.page.height;
  const inner = pageWidth - 2 * MARGIN;
  const bottom = pageHeight - MARGIN - 14;
  const chars = columns.map(columnWidth);
  const totalChars = chars.reduce((sum, n) => sum + n, 0) || 1;
  const widths = chars.map((n) => (inner * n) / totalChars);
  const fontSize = Math.min(MAX_FONT_SIZE, Math.max(MIN_FONT_SIZE, inner / (totalChars * AVERAGE_CHAR_EM)));
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  doc.fontSize(fontSize);
  const lineHeight = doc.currentLineHeight(true);
  let page = 1;

  const footer = (): void => {
    // Written inside the bottom margin, which pdfkit would otherwise take as a reason for a new page.
    const margins = doc.page.margins;
    const saved = margins.bottom;
    margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#666666')
      .text(`${meta.shop.name} · ${meta.title} · page ${page}`, MARGIN, pageHeight - MARGIN + 6, {
        width: inner,
        align: 'center',
        lineBreak: false,
      });
    margins.bottom = saved;
    doc.fillColor('black').fontSize(fontSize);
  };

  // Only text wraps (up to MAX_LINES, then an ellipsis). Amounts, figures and dates stay on one
  // line, in a smaller size if they must: a figure is never cut.
  const wraps = (i: number, header: boolean): boolean => header || columns[i]?.type === 'text';

  const cellsHeight = (texts: string[], font: string, header = false): number => {
    doc.font(font).fontSize(fontSize);
    let height = lineHeight;
    texts.forEach((text, i) => {
      const width = (widths[i] ?? 0) - 2 * CELL_PADDING;
      if (!wraps(i, header)) return;
      if (text.length * fontSize * WIDEST_CHAR_EM < width && !text.includes('\n')) return;
      height = Math.max(height, Math.min(doc.heightOfString(text, { width }), MAX_LINES * lineHeight));
    });
    return height + 2 * CELL_PADDING;
  };

  const drawCells = (texts: string[], y: number, height: number, font: string, header = false): void => {
    doc.font(font).fontSize(fontSize);
    texts.forEach((text, i) => {
      const column = columns[i];
      if (!column) return;
      const x = (xs[i] ?? MARGIN) + CELL_PADDING;
      const width = (widths[i] ?? 0) - 2 * CELL_PADDING;
      const align = RIGHT_ALIGNED.has(column.type) ? 'right' : 'left';
      if (wraps(i, header)) {
        doc.text(text, x, y + CELL_PADDING, {
          width,
          height: height - 2 * CELL_PADDING,
          ellipsis: true,
          align,
        });
        return;
      }
      const natural = doc.widthOfString(text);
      doc.fontSize(natural > width ? (fontSize * width) / natural : fontSize);
      doc.text(text, x, y + CELL_PADDING, { width, lineBreak: false, align });
      doc.fontSize(fontSize);
    });
  };

  const labels = columns.map((c) => c.label);
  const headerHeight = cellsHeight(labels, 'Helvetica-Bold', true);
  const drawHeader = (y: number): number => {
    doc.rect(MARGIN, y, inner, headerHeight).fill('#e8e8e8').fillColor('black');
    drawCells(labels, y, headerHeight, 'Helvetica-Bold', true);
    return y + headerHeight;
  };

  // The document's head: logo, shop, title, period, generated at.
  const hasLogo = drawLogo(doc, meta.shop.logo);
  const headX = hasLogo ? MARGIN + 100 : MARGIN;
  const headWidth = inner - (headX - MARGIN);
  doc.font('Helvetica-Bold').fontSize(16).text(meta.shop.name, headX, MARGIN, { width: headWidth });
  doc.font('Helvetica').fontSize(9);
  const contact = [meta.shop.address, meta.shop.phone ? `Tel: ${meta.shop.phone}` : null].filter(Boolean);
  if (contact.length) doc.text(contact.join(' · '), headX, doc.y, { width: headWidth });
  doc.y = Math.max(doc.y, hasLogo ? MARGIN + 54 : 0) + 8;
  doc.font('Helvetica-Bold').fontSize(13).text(meta.title, MARGIN, doc.y, { width: inner });
  doc.font('Helvetica').fontSize(9);
  doc.text(`Period: ${periodText(meta)}`, MARGIN, doc.y, { width: inner });
  doc.text(`Generated: ${localDateTime(meta.generatedAt, timezone)} (${timezone})`, MARGIN, doc.y, {
    width: inner,
  });
  let y = drawHeader(doc.y + 10);

  let shaded = false;
  for await (const row of table.rows) {
    const texts = columns.map((c) => displayText(row[c.key] ?? null, c.type, currency, timezone));
    const height = cellsHeight(texts, 'Helvetica');
    if (y + height > bottom) {
      footer();
      doc.addPage();
      page += 1;
      y = drawHeader(MARGIN);
      shaded = false;
    }
    if (shaded) doc.rect(MARGIN, y, inner, height).fill('#f6f6f6').fillColor('black');
    shaded = !shaded;
    drawCells(texts, y, height, 'Helvetica');
    y += height;
    await pace(out);
  }
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + inner, y)
    .lineWidth(0.5)
    .stroke();

  // The summary is read after the rows: a list may total its figures while they stream.
  const summary = table.summary ?? [];
  if (summary.length) {
    y += 10;
    if (y + summary.length * (lineHeight + 4) > bottom) {
      footer();
      doc.addPage();
      page += 1;
      y = MARGIN;
    }
    for (const item of summary) {
      doc
        .font('Helvetica-Bold')
        .fontSize(9)
        .text(item.label, MARGIN, y, { width: inner * 0.4 });
      doc
        .font('Helvetica')
        .text(displayText(item.value, item.type, currency, timezone), MARGIN + inner * 0.4, y, {
          width: inner * 0.3,
          align: 'right',
        });
      y += lineHeight + 6;
    }
  }
  footer();
  doc.end();
  await done;
}
