import ReceiptIcon from '@mui/icons-material/Receipt';
import { lazy } from 'react';

export const sales = {
  list: lazy(() => import('./SaleList.tsx')),
  show: lazy(() => import('./SaleShow.tsx')),
  // A sale is made at the till: /sales/new is the point of sale.
  create: lazy(() => import('../pos/PosRoute.tsx')),
  icon: ReceiptIcon,
  recordRepresentation: 'sale_number',
};
