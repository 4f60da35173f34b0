import BuildIcon from '@mui/icons-material/Build';
import { lazy } from 'react';

export const repairs = {
  list: lazy(() => import('./RepairList.tsx')),
  show: lazy(() => import('./RepairShow.tsx')),
  edit: lazy(() => import('./RepairEdit.tsx')),
  create: lazy(() => import('./RepairCreate.tsx')),
  icon: BuildIcon,
  recordRepresentation: 'repair_number',
};
