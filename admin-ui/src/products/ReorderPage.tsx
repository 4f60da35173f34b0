// /purchase-orders: what to reorder from the recent sales rate (GET /api/products/reorder-
// recommendations, anyone who reads products) and, for the Owner (products.create), a purchase order
// drafted at cost from the chosen quantities (POST /api/products/purchase-orders: a document for the
// supplier, nothing is stored), printed or saved as CSV.
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { can } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { formatDateTime, formatMoney } from '../format/format.ts';

interface Recommendation {
  product_id: number;
  name: string;
  sku: string | null;
  stock_quantity: number;
  min_stock_level: number;
  sold_in_period: number;
  daily_velocity: number;
  days_of_cover: number | null;
  recommended_quantity: number;
  unit_cost?: number;
}

interface PurchaseOrder {
  reference: string;
  created_at: string;
  lines: {
    product_id: number;
    name: string;
    sku: string | null;
    quantity: number;
    unit_cost: number;
    total: number;
  }[];
  total: number;
}

function csvOf(order: PurchaseOrder): string {
  const quote = (v: string | number | null) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const rows = [
    ['reference', 'sku', 'name', 'quantity', 'unit_cost', 'total'],
    ...order.lines.map((l) => [order.reference, l.sku, l.name, l.quantity, l.unit_cost, l.total]),
  ];
  return rows.map((r) => r.map(quote).join(',')).join('\n');
}

export default function ReorderPage() {
  const translate = useTranslate();
  const showError = useApiError();
  const [days, setDays] = useState(30);
  const [rows, setRows] = useState<Recommendation[] | null>(null);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [order, setOrder] = useState<PurchaseOrder | null>(null);
  const owner = can('products', 'create');

  useEffect(() => {
    setRows(null);
    api<Recommendation[]>('/api/products/reorder-recommendations', { query: { days } })
      .then((list) => {
        setRows(list);
        setQuantities(Object.fromEntries(list.map((r) => [r.product_id, r.recommended_quantity])));
        setChosen(new Set(list.map((r) => r.product_id)));
      })
      .catch(showError);
  }, [days, showError]);

  const draft = () => {
    const lines = [...chosen]
      .map((id) => ({ product_id: id, quantity: quantities[id] ?? 0 }))
      .filter((l) => l.quantity > 0);
    api<PurchaseOrder>('/api/products/purchase-orders', { method: 'POST', body: { days, lines } })
      .then(setOrder)
      .catch(showError);
  };

  const download = (o: PurchaseOrder) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csvOf(o)], { type: 'text/csv' }));
    a.download = `${o.reference}.csv`;
    a.click();
  };

  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, display: 'grid', gap: 2 }}>
      <Title title={translate('products.reorder')} />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          type="number"
          size="small"
          label={translate('products.history_days')}
          value={days}
          onChange={(e) => setDays(Math.min(365, Math.max(7, Number(e.target.value) || 30)))}
          sx={{ width: 160 }}
        />
        {owner && rows && rows.length > 0 && (
          <Button variant="contained" onClick={draft} disabled={chosen.size === 0}>
            {translate('products.draft_po')}
          </Button>
        )}
      </Box>
      {!rows && <Loading />}
      {rows?.length === 0 && <Alert severity="success">{translate('products.nothing_to_order')}</Alert>}
      {rows && rows.length > 0 && (
        <Card>
          <CardContent sx={{ overflowX: 'auto' }}>
            <Table size="small" data-testid="reorder-table">
              <TableHead>
                <TableRow>
                  {owner && <TableCell padding="checkbox" />}
                  <TableCell>{translate('resources.products.fields.name')}</TableCell>
                  <TableCell align="right">{translate('resources.products.fields.stock_quantity')}</TableCell>
                  <TableCell align="right">{translate('products.sold')}</TableCell>
                  <TableCell align="right">{translate('products.days_of_cover')}</TableCell>
                  <TableCell align="right">{translate('products.to_order')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.product_id}>
                    {owner && (
                      <TableCell padding="checkbox">
                        <Checkbox
                          checked={chosen.has(r.product_id)}
                          onChange={(e) => {
                            const next = new Set(chosen);
                            if (e.target.checked) next.add(r.product_id);
                            else next.delete(r.product_id);
                            setChosen(next);
                          }}
                          slotProps={{ input: { 'aria-label': r.name } }}
                        />
                      </TableCell>
                    )}
                    <TableCell>
                      {r.name}
                      {r.sku ? (
                        <Typography variant="caption" color="text.secondary">{` · ${r.sku}`}</Typography>
                      ) : null}
                    </TableCell>
                    <TableCell align="right">
                      {r.stock_quantity} / {r.min_stock_level}
                    </TableCell>
                    <TableCell align="right">{r.sold_in_period}</TableCell>
                    <TableCell align="right">{r.days_of_cover === null ? '—' : r.days_of_cover}</TableCell>
                    <TableCell align="right">
                      {owner ? (
                        <TextField
                          type="number"
                          size="small"
                          value={quantities[r.product_id] ?? 0}
                          onChange={(e) =>
                            setQuantities({
                              ...quantities,
                              [r.product_id]: Math.max(0, Number(e.target.value) || 0),
                            })
                          }
                          slotProps={{ htmlInput: { min: 0, inputMode: 'numeric', 'aria-label': r.name } }}
                          sx={{ width: 96 }}
                        />
                      ) : (
                        r.recommended_quantity
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      )}
      {order && (
        <Card data-testid="purchase-order">
          <CardContent sx={{ overflowX: 'auto' }}>
            <Typography variant="h6">
              {translate('products.po_title', { reference: order.reference })}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {formatDateTime(order.created_at)}
            </Typography>
            <Table size="small">
              <TableBody>
                {order.lines.map((l) => (
                  <TableRow key={l.product_id}>
                    <TableCell>{l.name}</TableCell>
                    <TableCell align="right">{l.quantity}</TableCell>
                    <TableCell align="right">{formatMoney(l.unit_cost)}</TableCell>
                    <TableCell align="right">{formatMoney(l.total)}</TableCell>
                  </TableRow>
                ))}
                <TableRow>
                  <TableCell colSpan={3}>
                    <strong>{translate('staff.total')}</strong>
                  </TableCell>
                  <TableCell align="right">
                    <strong>{formatMoney(order.total)}</strong>
                  </TableCell>
                </TableRow>
              </TableBody>
            </Table>
            <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
              <Button variant="outlined" onClick={() => window.print()}>
                {translate('products.print')}
              </Button>
              <Button variant="outlined" onClick={() => download(order)}>
                CSV
              </Button>
            </Box>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {translate('products.po_note')}
            </Typography>
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
