import BadgeIcon from '@mui/icons-material/Badge';
import { lazy } from 'react';

export const staff = {
  list: lazy(() => import('./StaffList.tsx')),
  show: lazy(() => import('./StaffShow.tsx')),
  edit: lazy(() => import('./StaffEdit.tsx')),
  create: lazy(() => import('./StaffCreate.tsx')),
  icon: BadgeIcon,
  recordRepresentation: (r: { first_name?: string | null; last_name?: string | null }) =>
    `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim(),
};
