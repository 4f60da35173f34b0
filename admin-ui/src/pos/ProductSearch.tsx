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
import { useApiError } from '../api/useApiError.ts';
import { formatMoney } from '../format/format.ts';
import { lookupBarcode, searchProducts } from './catalogue.ts';
import type { LookupProduct } from './types.ts';

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
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2 || /^\d{6,}$/.test(q)) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchProducts(q, controller.signal)
        .then((found) => {
          setResults(found.products);
          setOffline(found.offline);
        })
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
          {offline && (
            <Typography variant="caption" color="warning.main" sx={{ display: 'block', px: 2, pt: 1 }}>
              {translate('pos.offline.search')}
            </Typography>
          )}
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
