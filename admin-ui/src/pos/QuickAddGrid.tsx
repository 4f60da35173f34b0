// Big buttons for the products a shop sells most: this cashier's best sellers of the last 30 days
// first, then the preloaded catalogue items in stock. Plain buttons styled once by their grid (not a
// MUI component each): the grid is part of the till's first render on a cheap phone.
import { styled } from '@mui/material/styles';
import { Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { formatMoney } from '../format/format.ts';
import { colors } from '../layout/theme.ts';
import { cachedQuickAdd, loadQuickAdd } from './catalogue.ts';
import type { LookupProduct } from './types.ts';

const Grid = styled('div')(({ theme }) => ({
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(104px, 1fr))',
  gap: theme.spacing(1),
  '& > button': {
    minHeight: 64,
    padding: theme.spacing(1),
    borderRadius: 8,
    border: `1px solid ${colors.gray200}`,
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    font: 'inherit',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    justifyContent: 'center',
    textAlign: 'left',
    cursor: 'pointer',
    touchAction: 'manipulation',
  },
  '& > button:hover, & > button:focus-visible': { borderColor: colors.primary500 },
  '& > button:focus-visible': { outline: `2px solid ${colors.primary500}`, outlineOffset: 1 },
  '& > button:active': { background: colors.gray100 },
  '& .name': { ...theme.typography.body2, fontWeight: 600, lineHeight: 1.2 },
  '& .price': { ...theme.typography.caption, color: theme.palette.text.secondary },
}));

export function QuickAddGrid({ onAdd }: { onAdd: (product: LookupProduct) => void }) {
  const translate = useTranslate();
  // The phone's copy at once (and offline), the server's list when it answers.
  const [products, setProducts] = useState<LookupProduct[]>(cachedQuickAdd);
  useEffect(() => {
    let live = true;
    loadQuickAdd()
      .then((list) => {
        if (live) setProducts(list);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (products.length === 0) return null;
  return (
    <section aria-label={translate('pos.quick_add')}>
      <Typography variant="subtitle2" color="text.secondary" sx={{ my: 1 }}>
        {translate('pos.quick_add')}
      </Typography>
      <Grid>
        {products.map((product) => (
          <button type="button" key={product.id} data-testid="quick-add" onClick={() => onAdd(product)}>
            <span className="name">{product.name}</span>
            <span className="price">{formatMoney(product.selling_price)}</span>
          </button>
        ))}
      </Grid>
    </section>
  );
}
