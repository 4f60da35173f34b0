// The products list's toolbar: create and export as react-admin offers them, the preloaded catalogue
// added in one step (the Owner: products.create; SKUs the shop has are skipped), the reorder
// recommendations, and the purchase orders for whoever may read them.
import { Button } from '@mui/material';
import { Link } from 'react-router-dom';
import {
  CreateButton,
  ExportButton,
  FilterButton,
  TopToolbar,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { api } from '../api/client.ts';
import { can } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';

function AddCatalogueButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const showError = useApiError();
  if (!can('products', 'create')) return null;
  return (
    <Button
      onClick={() => {
        if (!window.confirm(translate('products.catalogue_confirm'))) return;
        api<{ created: unknown[]; skipped: unknown[] }>('/api/products/catalogue', {
          method: 'POST',
          body: {},
        })
          .then((answer) => {
            notify('products.catalogue_added', {
              type: 'success',
              messageArgs: { created: answer.created.length, skipped: answer.skipped.length },
            });
            refresh();
          })
          .catch(showError);
      }}
    >
      {translate('products.add_catalogue')}
    </Button>
  );
}

export function ProductActions() {
  const translate = useTranslate();
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
      <AddCatalogueButton />
      <Button component={Link} to="/reorder">
        {translate('products.reorder')}
      </Button>
      {can('purchase-orders', 'list') && (
        <Button component={Link} to="/purchase-orders">
          {translate('resources.purchase-orders.name', { smart_count: 2 })}
        </Button>
      )}
      <ExportButton />
    </TopToolbar>
  );
}
