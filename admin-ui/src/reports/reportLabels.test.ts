// Report labels: by the column's key, the report's own where the key means something else there,
// the server's English for anything new; every report and column the server sends has a key.
import { describe, expect, it } from 'vitest';
import { englishAll } from '../i18n/en.ts';
import { swahiliAll } from '../i18n/sw.ts';
import { reportLabels } from './ReportsPage.tsx';

function translator(messages: unknown) {
  return (key: string, options: Record<string, unknown> = {}): string => {
    const found = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    const fallback = options['_'];
    return typeof found === 'string' ? found : typeof fallback === 'string' ? fallback : key;
  };
}

describe('report labels', () => {
  it('translates a column by its key, with the report own label where it differs', () => {
    const sw = reportLabels(translator(swahiliAll), 'sales/by-staff');
    expect(sw.column({ key: 'net_sales', label: 'Net sales' })).toBe('Mauzo halisi');
    expect(sw.column({ key: 'name', label: 'Staff member' })).toBe('Mfanyakazi');
    expect(
      reportLabels(translator(swahiliAll), 'sales/by-product').column({ key: 'name', label: 'Product' }),
    ).toBe('Bidhaa');
    expect(sw.title('Sales by staff')).toBe('Mauzo kwa mfanyakazi');
  });

  it("falls back on the server's English for a key it does not know", () => {
    const en = reportLabels(translator(englishAll), 'sales/new-report');
    expect(en.column({ key: 'brand_new', label: 'Brand new' })).toBe('Brand new');
    expect(en.title('New report')).toBe('New report');
    expect(en.summary('Something else')).toBe('Something else');
  });

  it('keeps the English labels the server sends today', () => {
    const en = reportLabels(translator(englishAll), 'sales/daily-summary');
    expect(en.column({ key: 'profit', label: 'Gross profit' })).toBe('Gross profit');
    expect(en.summary('Net sales')).toBe('Net sales');
  });
});
