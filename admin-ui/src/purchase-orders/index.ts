import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import { lazy } from 'react';

// Stored purchase orders: read and received by whoever adjusts stock, created from the reorder page
// (/reorder), cancelled and printed by whoever creates products (access/session.ts RIGHTS_OF).
export const purchaseOrders = {
  list: lazy(() => import('./PurchaseOrderList.tsx')),
  show: lazy(() => import('./PurchaseOrderShow.tsx')),
  icon: LocalShippingIcon,
  recordRepresentation: 'reference',
};
