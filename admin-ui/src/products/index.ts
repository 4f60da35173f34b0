import InventoryIcon from '@mui/icons-material/Inventory2';
import { lazy } from 'react';

export const products = {
  list: lazy(() => import('./ProductList.tsx')),
  show: lazy(() => import('./ProductShow.tsx')),
  edit: lazy(() => import('./ProductEdit.tsx')),
  create: lazy(() => import('./ProductCreate.tsx')),
  icon: InventoryIcon,
  recordRepresentation: 'name',
};
