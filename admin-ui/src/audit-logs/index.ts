import HistoryIcon from '@mui/icons-material/History';
import { lazy } from 'react';

export const auditLogs = {
  list: lazy(() => import('./AuditLogList.tsx')),
  show: lazy(() => import('./AuditLogShow.tsx')),
  icon: HistoryIcon,
};
