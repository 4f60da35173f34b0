// react-admin's layout with the role-aware menu, a language switch in the app bar, an offline
// banner, and the bottom navigation on phones.
import { Alert, Box, useMediaQuery, type Theme } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { AppBar, Layout, LocalesMenuButton, TitlePortal, useTranslate } from 'react-admin';
import { AppMenu } from './AppMenu.tsx';
import { BottomNav } from './BottomNav.tsx';

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
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
    </Layout>
  );
}
