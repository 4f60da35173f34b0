// A customer with lifetime value and purchases (GET /api/customers/:id/purchases).
import { Card, CardContent, List as MuiList, ListItem, ListItemText, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { NumberField, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { MoneyField } from '../common/fields.tsx';
import { formatDateTime, formatMoney } from '../format/format.ts';

interface Purchases {
  lifetime_value: number;
  purchase_count: number;
  sales: { id: number; sale_number: string; final_amount: number; created_at: string; status: string }[];
}

function PurchaseHistory() {
  const record = useRecordContext();
  const translate = useTranslate();
  const [data, setData] = useState<Purchases | null>(null);
  useEffect(() => {
    if (!record) return;
    api<Purchases>(`/api/customers/${String(record.id)}/purchases`)
      .then(setData)
      .catch(() => undefined);
  }, [record]);
  if (!data) return null;
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6">
          {translate('resources.sales.name', { smart_count: 2 })} · {formatMoney(data.lifetime_value)}
        </Typography>
        <MuiList dense>
          {data.sales.map((s) => (
            <ListItem key={s.id}>
              <ListItemText
                primary={`${s.sale_number} · ${formatMoney(s.final_amount)}`}
                secondary={formatDateTime(s.created_at)}
              />
            </ListItem>
          ))}
        </MuiList>
      </CardContent>
    </Card>
  );
}

export default function CustomerShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="phone" />
        <TextField source="email" emptyText="—" />
        <TextField source="address" emptyText="—" />
        <NumberField source="loyalty_points" />
        <MoneyField source="total_purchases" />
        <TextField source="notes" emptyText="—" />
      </SimpleShowLayout>
      <PurchaseHistory />
    </Show>
  );
}
