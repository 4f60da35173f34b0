// Search as you type (name prefix) and barcode input: a keyboard-wedge scanner types the code and
// Enter, which looks the code up exactly (barcode or SKU) and adds the product at once.
import QrCodeScannerIcon from '@mui/icons-material/QrCodeScanner';
import SearchIcon from '@mui/icons-material/Search';
import {
  Box,
  IconButton,
  InputAdornment,
  List,
  ListItemButton,
  ListItemText,
  Paper,
  TextField,
  Typography,
} from '@mui/material';
import { forwardRef, useEffect, useState, type KeyboardEvent } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import { formatMoney } from '../format/format.ts';
import type { LookupProduct } from './types.ts';

export async function lookupBarcode(code: string): Promise<LookupProduct | undefined> {
  const found = await api<LookupProduct[]>('/api/products/lookup', { query: { barcode: code, limit: 1 } });
  return found[0];
}

interface Props {
  onAdd: (product: LookupProduct) => void;
  onScan: () => void;
}

export const ProductSearch = forwardRef<HTMLInputElement, Props>(function ProductSearch(
  { onAdd, onScan },
  ref,
) {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [text, setText] = useState('');
  const [results, setResults] = useState<LookupProduct[]>([]);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2 || /^\d{6,}$/.test(q)) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<LookupProduct[]>('/api/products/lookup', { query: { q, limit: 8 }, signal: controller.signal })
        .then(setResults)
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const add = (product: LookupProduct) => {
    onAdd(product);
    setText('');
    setResults([]);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const code = text.trim();
    if (!code) return;
    lookupBarcode(code)
      .then((product) => {
        if (product) add(product);
        else if (results.length === 1 && results[0]) add(results[0]);
        else notify(translate('pos.not_found', { code }), { type: 'warning' });
      })
      .catch(showError);
  };

  return (
    <Box sx={{ position: 'relative' }}>
      <TextField
        inputRef={ref}
        fullWidth
        autoFocus
        autoComplete="off"
        name="pos-search"
        placeholder={translate('pos.search')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        slotProps={{
          htmlInput: { 'aria-label': translate('pos.search'), enterKeyHint: 'search' },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
            endAdornment: (
              <InputAdornment position="end">
                <IconButton aria-label={translate('pos.scan')} onClick={onScan} edge="end">
                  <QrCodeScannerIcon />
                </IconButton>
              </InputAdornment>
            ),
          },
        }}
      />
      {results.length > 0 && (
        <Paper sx={{ position: 'absolute', zIndex: 10, left: 0, right: 0, mt: 0.5 }} elevation={6}>
          <List dense disablePadding>
            {results.map((product) => (
              <ListItemButton
                key={product.id}
                onClick={() => add(product)}
                disabled={product.stock_quantity <= 0}
              >
                <ListItemText
                  primary={product.name}
                  secondary={translate('pos.in_stock', { count: product.stock_quantity })}
                />
                <Typography sx={{ fontWeight: 600 }}>{formatMoney(product.selling_price)}</Typography>
              </ListItemButton>
            ))}
          </List>
        </Paper>
      )}
    </Box>
  );
});
