import PaymentsIcon from '@mui/icons-material/Payments';
import { lazy } from 'react';

export const expenses = {
  list: lazy(() => import('./ExpenseList.tsx')),
  show: lazy(() => import('./ExpenseShow.tsx')),
  edit: lazy(() => import('./ExpenseEdit.tsx')),
  create: lazy(() => import('./ExpenseCreate.tsx')),
  icon: PaymentsIcon,
  recordRepresentation: 'description',
};
