// An expense's fields, and its receipt: a photo or PDF dropped on (or picked for) the file zone,
// uploaded to Directus's files when the form is saved (dataProvider.ts).
import { Box } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  AutocompleteInput,
  DateInput,
  FileField,
  FileInput,
  NumberInput,
  SelectInput,
  TextInput,
  required,
  useTranslate,
} from 'react-admin';
import { api, assetUrl } from '../api/client.ts';
import { shopToday } from '../format/format.ts';
import { PAYMENT_METHODS } from '../pos/cart.ts';

export function ExpenseInputs() {
  const translate = useTranslate();
  const [categories, setCategories] = useState<string[]>([]);
  useEffect(() => {
    api<{ name: string }[]>('/api/expenses/categories')
      .then((c) => setCategories(c.map((category) => category.name)))
      .catch(() => undefined);
  }, []);
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2, width: '100%' }}
    >
      <AutocompleteInput
        source="category"
        choices={categories.map((c) => ({ id: c, name: c }))}
        validate={required()}
      />
      <NumberInput source="amount" min={0} step={1} validate={required()} />
      <SelectInput
        source="payment_method"
        defaultValue="Cash"
        choices={PAYMENT_METHODS.map((id) => ({ id, name: translate(`app.method.${id}`) }))}
      />
      <DateInput source="expense_date" defaultValue={shopToday()} validate={required()} />
      <TextInput source="description" multiline validate={required()} sx={{ gridColumn: '1 / -1' }} />
      <FileInput
        source="receipt"
        accept={{ 'image/*': [], 'application/pdf': [] }}
        placeholder={translate('expenses.receipt_drop')}
        format={(value: unknown) =>
          typeof value === 'string'
            ? { src: assetUrl(value), title: translate('expenses.receipt_saved') }
            : value
        }
        sx={{ gridColumn: '1 / -1' }}
      >
        <FileField source="src" title="title" target="_blank" />
      </FileInput>
    </Box>
  );
}
