// /reorder: what to reorder from the recent sales rate (GET /api/products/reorder-recommendations,
// anyone who reads products) and, for whoever may order (purchase-orders.create), a purchase order
// stored from the chosen lines and quantities with an optional supplier and notes (POST
// /api/products/purchase-orders, priced at cost by the server); the app then opens the new order.
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
import { Link } from 'react-router-dom';
import { Loading, Title, useCreate, useNotify, useRedirect, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { can } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { newOrderBody, type OrderBody, type PurchaseOrder } from '../purchase-orders/order.ts';

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

export default function ReorderPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const showError = useApiError();
  const [days, setDays] = useState(30);
  const [rows, setRows] = useState<Recommendation[] | null>(null);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [supplier, setSupplier] = useState('');
  const [notes, setNotes] = useState('');
  const [create, { isPending: creating }] = useCreate<OrderBody, unknown, PurchaseOrder>();
  const orders = can('purchase-orders', 'create');

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

  const body = newOrderBody({ supplier, notes, days, chosen, quantities });
  const submit = () => {
    void create(
      'purchase-orders',
      { data: body },
      {
        onSuccess: (order) => {
          notify('purchase_orders.created', { type: 'success', messageArgs: { reference: order.reference } });
          redirect('show', 'purchase-orders', order.id);
        },
        onError: (error) => showError(error),
      },
    );
  };
  const allChosen = rows !== null && rows.length > 0 && chosen.size === rows.length;

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
        {can('purchase-orders', 'list') && (
          <Button component={Link} to="/purchase-orders">
            {translate('resources.purchase-orders.name', { smart_count: 2 })}
          </Button>
        )}
      </Box>
      {orders && rows && rows.length > 0 && (
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField
            size="small"
            name="supplier"
            label={translate('resources.purchase-orders.fields.supplier')}
            value={supplier}
            onChange={(e) => setSupplier(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 200 } }}
            sx={{ width: { xs: '100%', sm: 260 } }}
          />
          <TextField
            size="small"
            name="notes"
            label={translate('resources.purchase-orders.fields.notes')}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
            sx={{ width: { xs: '100%', sm: 320 } }}
          />
          <Button variant="contained" onClick={submit} disabled={body.lines.length === 0 || creating}>
            {translate('products.create_po')}
          </Button>
        </Box>
      )}
      {!rows && <Loading />}
      {rows?.length === 0 && <Alert severity="success">{translate('products.nothing_to_order')}</Alert>}
      {rows && rows.length > 0 && (
        <Card>
          <CardContent sx={{ overflowX: 'auto' }}>
            <Table size="small" data-testid="reorder-table">
              <TableHead>
                <TableRow>
                  {orders && (
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={allChosen}
                        indeterminate={chosen.size > 0 && !allChosen}
                        onChange={(e) =>
                          setChosen(new Set(e.target.checked ? rows.map((r) => r.product_id) : []))
                        }
                        slotProps={{ input: { 'aria-label': translate('products.select_all') } }}
                      />
                    </TableCell>
                  )}
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
                    {orders && (
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
                      {orders ? (
                        <TextField
                          type="number"
                          size="small"
                          value={quantities[r.product_id] ?? 0}
                          onChange={(e) =>
                            setQuantities({
                              ...quantities,
                              [r.product_id]: Math.max(0, Math.floor(Number(e.target.value)) || 0),
                            })
                          }
                          slotProps={{
                            htmlInput: { min: 0, step: 1, inputMode: 'numeric', 'aria-label': r.name },
                          }}
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
    </Box>
  );
}
