// The till on its own: what a fresh load of /app/pos renders, without booting the back office.
// react-admin's contexts that the till's components use (translations, notifications, the store)
// and MUI's theme, an app bar, the offline banner and the bottom bar; nothing else. Any other page
// hands over to the back office (App.tsx), loaded when the cashier first reaches for it.
import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import MenuIcon from '@mui/icons-material/Menu';
import {
  Alert,
  AppBar,
  Box,
  CssBaseline,
  IconButton,
  Menu,
  MenuItem,
  Toolbar,
  Typography,
  useMediaQuery,
} from '@mui/material';
import { createTheme, ThemeProvider, type Theme } from '@mui/material/styles';
import { useState } from 'react';
import {
  I18nContextProvider,
  LocalesMenuButton,
  NotificationContextProvider,
  StoreContextProvider,
  useTranslate,
} from 'react-admin';
import { identity, leaveLoginNotice, TWO_FACTOR_SECTION } from '../access/session.ts';
import { useSessionEvents } from '../access/SessionEvents.tsx';
import { ShopNotification } from '../layout/ShopNotification.tsx';
import { useOnline } from '../common/useOnline.ts';
import { BottomNavBar } from '../layout/BottomNav.tsx';
import { theme } from '../layout/theme.ts';
import { SaleSync } from '../pos/offline/SaleSync.tsx';
import PosPage from '../pos/PosPage.tsx';
import { authProvider } from '../providers/authProvider.ts';
import { i18nProvider } from '../providers/i18nProvider.ts';
import { store } from '../providers/store.ts';

const muiTheme = createTheme(theme);

export interface TillAppProps {
  /** Opens a back-office path (react-admin's, such as "/" or "/repairs"), the menu open or not. */
  onLeave: (path: string, openMenu?: boolean) => void;
  /** Starts loading the back office (a finger on the menu or a tab). */
  onIntent: () => void;
}

function AccountMenu({ onLeave }: Pick<TillAppProps, 'onLeave'>) {
  const translate = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const me = identity();
  return (
    <>
      <IconButton
        color="inherit"
        aria-label={translate('ra.auth.user_menu')}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        <AccountCircleIcon />
      </IconButton>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem disabled>{me?.fullName}</MenuItem>
        <MenuItem onClick={() => onLeave('/profile')}>{translate('app.menu.profile')}</MenuItem>
        <MenuItem
          onClick={() => {
            void authProvider.logout({}).then(() => onLeave('/login'));
          }}
        >
          {translate('ra.auth.logout')}
        </MenuItem>
      </Menu>
    </>
  );
}

function TillFrame({ onLeave, onIntent }: TillAppProps) {
  const translate = useTranslate();
  const phone = useMediaQuery((t: Theme) => t.breakpoints.down('sm'));
  const online = useOnline();
  // The server refused the session (revoked, suspended, expired refresh token): sign in again. The
  // sales waiting on the phone stay and go out after the sign-in. A shop that requires two-factor
  // authentication first: to the profile's two-factor section.
  useSessionEvents({
    onEnded: () => {
      // The back office draws the sign-in page, with its own notifications: the notice goes with it.
      leaveLoginNotice('app.session.ended');
      onLeave('/login');
    },
    onTwoFactorRequired: () => onLeave(TWO_FACTOR_SECTION),
  });
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <AppBar position="sticky" color="primary" onPointerDown={onIntent}>
        <Toolbar variant={phone ? 'regular' : 'dense'} sx={{ gap: 1 }}>
          <IconButton
            color="inherit"
            edge="start"
            aria-label={translate('ra.action.open_menu')}
            onClick={() => onLeave('/pos', true)}
          >
            <MenuIcon />
          </IconButton>
          <Typography variant="h6" component="h1" sx={{ flex: 1 }} noWrap>
            {translate('pos.title')}
          </Typography>
          <LocalesMenuButton />
          <AccountMenu onLeave={onLeave} />
        </Toolbar>
      </AppBar>
      {!online && (
        <Alert severity="warning" sx={{ borderRadius: 0 }}>
          {translate('app.offline')}
        </Alert>
      )}
      <Box component="main" sx={{ pb: phone ? 9 : 0 }}>
        <PosPage />
      </Box>
      {phone && (
        <BottomNavBar
          current="/pos"
          onIntent={onIntent}
          onChange={(value) => {
            if (value === 'more') onLeave('/pos', true);
            else if (value !== '/pos') onLeave(value);
          }}
        />
      )}
      <ShopNotification />
      <SaleSync />
    </Box>
  );
}

export function TillApp(props: TillAppProps) {
  return (
    <ThemeProvider theme={muiTheme}>
      <CssBaseline />
      <StoreContextProvider value={store}>
        <NotificationContextProvider>
          <I18nContextProvider value={i18nProvider}>
            <TillFrame {...props} />
          </I18nContextProvider>
        </NotificationContextProvider>
      </StoreContextProvider>
    </ThemeProvider>
  );
}
