// The sale's customer: a walk-in by default, found by phone or name, or created on the spot with a
// name and phone (the server stores the phone in E.164 with the shop's country).
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import PersonIcon from '@mui/icons-material/Person';
import CloseIcon from '@mui/icons-material/Close';
import { Box, Button, Chip, List, ListItemButton, ListItemText, TextField } from '@mui/material';
import { createItem } from '@directus/sdk';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { apiEnvelope, directus, sdk } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import type { CartCustomer } from './cart.ts';

export function CustomerPicker({
  customer,
  onChange,
}: {
  customer: CartCustomer | null;
  onChange: (customer: CartCustomer | null) => void;
}) {
  const translate = useTranslate();
  const showError = useApiError();
  const [text, setText] = useState('');
  const [found, setFound] = useState<CartCustomer[]>([]);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');

  useEffect(() => {
    const q = text.trim();
    if (q.length < 3) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiEnvelope<CartCustomer[]>('/items/customers', {
        query: { search: q, fields: 'id,name,phone', limit: 5 },
        signal: controller.signal,
      })
        .then((answer) => setFound(answer.data))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  if (customer) {
    return (
      <Chip
        icon={<PersonIcon />}
        label={`${customer.name} · ${customer.phone}`}
        onDelete={() => onChange(null)}
        deleteIcon={<CloseIcon aria-label={translate('pos.customer_clear')} />}
        sx={{ height: 44, fontSize: '1rem' }}
        data-testid="pos-customer"
      />
    );
  }

  const create = () => {
    sdk(() =>
      directus.request(createItem('customers' as never, { name: name.trim(), phone: text.trim() } as never)),
    )
      .then((row) => {
        const created = row as unknown as CartCustomer;
        onChange({ id: created.id, name: created.name, phone: created.phone });
        setCreating(false);
        setText('');
        setName('');
      })
      .catch(showError);
  };

  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <TextField
          size="small"
          fullWidth
          name="customer-search"
          label={translate('pos.customer')}
          placeholder={translate('pos.customer_search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          slotProps={{ htmlInput: { inputMode: 'tel' } }}
        />
        <Button
          variant="outlined"
          onClick={() => setCreating((v) => !v)}
          aria-label={translate('pos.customer_new')}
          sx={{ minWidth: 44 }}
        >
          <PersonAddIcon />
        </Button>
      </Box>
      {found.length > 0 && !creating && (
        <List dense>
          {found.map((c) => (
            <ListItemButton
              key={c.id}
              onClick={() => {
                onChange(c);
                setText('');
              }}
            >
              <ListItemText primary={c.name} secondary={c.phone} />
            </ListItemButton>
          ))}
        </List>
      )}
      {creating && (
        <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
          <TextField
            size="small"
            name="customer-name"
            label={translate('pos.customer_name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            sx={{ flex: 1, minWidth: 140 }}
          />
          <Button variant="contained" onClick={create} disabled={!name.trim() || text.trim().length < 6}>
            {translate('pos.customer_create')}
          </Button>
        </Box>
      )}
    </Box>
  );
}
