import LockClockIcon from '@mui/icons-material/LockClock';
import { lazy } from 'react';

export const closures = {
  list: lazy(() => import('./ClosureList.tsx')),
  show: lazy(() => import('./ClosureShow.tsx')),
  create: lazy(() => import('./ClosureCreate.tsx')),
  icon: LockClockIcon,
  recordRepresentation: 'closure_date',
};
