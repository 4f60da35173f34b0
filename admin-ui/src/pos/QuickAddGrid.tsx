// Big buttons for the products a shop sells most: this cashier's best sellers of the last 30 days
// first, then the preloaded catalogue items in stock.
import { Box, ButtonBase, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { apiEnvelope } from '../api/client.ts';
import { daysBefore, formatMoney, shopToday } from '../format/format.ts';
import { colors } from '../layout/theme.ts';
import type { LookupProduct } from './types.ts';

const CACHE = 'phone-shop.quick-add';

async function loadQuickAdd(): Promise<LookupProduct[]> {
  const since = `${daysBefore(shopToday(), 30)}T00:00:00Z`;
  const [sold, products] = await Promise.all([
    apiEnvelope<{ product_id: number | null; sum: { quantity: string | number } }[]>('/items/sale_items', {
      query: {
        'aggregate[sum]': 'quantity',
        'groupBy[]': 'product_id',
        filter: JSON.stringify({ created_at: { _gte: since }, product_id: { _nnull: true } }),
        limit: 200,
      },
    }).catch(() => ({ data: [] })),
    apiEnvelope<LookupProduct[]>('/items/products', {
      query: {
        fields:
          'id,name,category,sku,barcode,selling_price,stock_quantity,min_stock_level,is_active,is_preloaded',
        filter: JSON.stringify({ is_active: { _eq: true }, stock_quantity: { _gt: 0 } }),
        sort: 'name',
        limit: 100,
      },
    }),
  ]);
  const rank = new Map(sold.data.map((row) => [row.product_id, Number(row.sum.quantity)]));
  return [...products.data].sort((a, b) => (rank.get(b.id) ?? 0) - (rank.get(a.id) ?? 0)).slice(0, 12);
}

/** Started when the till's chunk loads (not after its first render); reused by the first grid. */
let early: Promise<LookupProduct[]> | null = localStorage.getItem('phone-shop.auth') ? loadQuickAdd() : null;

export function QuickAddGrid({ onAdd }: { onAdd: (product: LookupProduct) => void }) {
  const translate = useTranslate();
  const [products, setProducts] = useState<LookupProduct[]>(() => {
    const raw = localStorage.getItem(CACHE);
    return raw ? (JSON.parse(raw) as LookupProduct[]) : [];
  });
  useEffect(() => {
    const pending = early ?? loadQuickAdd();
    early = null;
    pending
      .then((list) => {
        setProducts(list);
        localStorage.setItem(CACHE, JSON.stringify(list));
      })
      .catch(() => undefined);
  }, []);
  if (products.length === 0) return null;
  return (
    <Box component="section" aria-label={translate('pos.quick_add')}>
      <Typography variant="subtitle2" color="text.secondary" sx={{ my: 1 }}>
        {translate('pos.quick_add')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(104px, 1fr))', gap: 1 }}>
        {products.map((product) => (
          <ButtonBase
            key={product.id}
            data-testid="quick-add"
            onClick={() => onAdd(product)}
            sx={{
              minHeight: 64,
              p: 1,
              borderRadius: 2,
              border: `1px solid ${colors.gray200}`,
              bgcolor: 'background.paper',
              flexDirection: 'column',
              alignItems: 'flex-start',
              textAlign: 'left',
              '&:hover': { borderColor: colors.primary500 },
            }}
          >
            <Typography variant="body2" sx={{ fontWeight: 600, lineHeight: 1.2 }}>
              {product.name}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {formatMoney(product.selling_price)}
            </Typography>
          </ButtonBase>
        ))}
      </Box>
    </Box>
  );
}
