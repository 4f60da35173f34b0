import PhoneAndroidIcon from '@mui/icons-material/PhoneAndroid';
import { lazy } from 'react';

export const devices = {
  list: lazy(() => import('./DeviceList.tsx')),
  show: lazy(() => import('./DeviceShow.tsx')),
  edit: lazy(() => import('./DeviceEdit.tsx')),
  create: lazy(() => import('./DeviceCreate.tsx')),
  icon: PhoneAndroidIcon,
  recordRepresentation: (r: { brand?: string; model?: string; imei_serial?: string }) =>
    `${r.brand ?? ''} ${r.model ?? ''} (${r.imei_serial ?? ''})`,
};
