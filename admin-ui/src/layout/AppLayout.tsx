// react-admin's layout with the role-aware menu, a language switch in the app bar, an offline
// banner, the bottom navigation on phones, and what the server says about the whole session.
import { Alert, Box, useMediaQuery, type Theme } from '@mui/material';
import type { ReactNode } from 'react';
import { AppBar, Layout, LocalesMenuButton, TitlePortal, useSidebarState, useTranslate } from 'react-admin';
import { useOnline } from '../common/useOnline.ts';
import { SessionEvents } from '../access/SessionEvents.tsx';
import { SaleSync } from '../pos/offline/SaleSync.tsx';
import { AppMenu } from './AppMenu.tsx';
import { useLocation, useNavigate } from 'react-router-dom';
import { BottomNavBar, tabOf } from './BottomNav.tsx';

function BottomNav() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [, setOpen] = useSidebarState();
  return (
    <BottomNavBar
      current={tabOf(pathname)}
      onChange={(value) => {
        if (value === 'more') setOpen(true);
        else void navigate(value);
      }}
    />
  );
}

function ShopAppBar() {
  return (
    <AppBar toolbar={<LocalesMenuButton />}>
      <TitlePortal />
    </AppBar>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const online = useOnline();
  const translate = useTranslate();
  return (
    <Layout menu={AppMenu} appBar={ShopAppBar}>
      {!online && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate('app.offline')}
        </Alert>
      )}
      <Box
        sx={{
          pb: phone ? 9 : 0,
          // react-admin pins the form toolbar to the bottom on phones: keep it above the bottom bar.
          '& .MuiToolbar-root.RaToolbar-mobileToolbar': {
            bottom: 'calc(56px + env(safe-area-inset-bottom))',
          },
        }}
      >
        {children}
      </Box>
      {phone && <BottomNav />}
      <SaleSync />
      <SessionEvents />
    </Layout>
  );
}
