import PeopleIcon from '@mui/icons-material/People';
import { lazy } from 'react';

export const customers = {
  list: lazy(() => import('./CustomerList.tsx')),
  show: lazy(() => import('./CustomerShow.tsx')),
  edit: lazy(() => import('./CustomerEdit.tsx')),
  create: lazy(() => import('./CustomerCreate.tsx')),
  icon: PeopleIcon,
  recordRepresentation: 'name',
};
