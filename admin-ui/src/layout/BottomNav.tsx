// Phones get a bottom navigation bar within thumb's reach: sell, dashboard, repairs, sales, and
// "more" to open the full menu. The bar is shared by the back office (AppLayout: the router and the
// sidebar) and the till's light shell (which hands over to the back office on a tap).
import BuildIcon from '@mui/icons-material/Build';
import DashboardIcon from '@mui/icons-material/Dashboard';
import MenuIcon from '@mui/icons-material/Menu';
import PointOfSaleIcon from '@mui/icons-material/PointOfSale';
import ReceiptIcon from '@mui/icons-material/Receipt';
import { BottomNavigation, BottomNavigationAction, Paper } from '@mui/material';
import { useTranslate } from 'react-admin';

export const TABS = [
  { value: '/pos', label: 'app.menu.pos', icon: <PointOfSaleIcon /> },
  { value: '/', label: 'app.menu.dashboard', icon: <DashboardIcon /> },
  { value: '/repairs', label: 'resources.repairs.name', icon: <BuildIcon /> },
  { value: '/sales', label: 'resources.sales.name', icon: <ReceiptIcon /> },
];

/** The tab of a path: the longest tab that starts it ("/" only for the dashboard itself). */
export function tabOf(pathname: string): string | false {
  return (
    TABS.filter((t) => t.value !== '/').find((t) => pathname.startsWith(t.value))?.value ??
    (pathname === '/' ? '/' : false)
  );
}

export function BottomNavBar({
  current,
  onChange,
  onIntent,
}: {
  current: string | false;
  /** A tab's path, or "more" for the full menu. */
  onChange: (value: string) => void;
  /** The finger is down on a tab: the shell starts loading the back office. */
  onIntent?: () => void;
}) {
  const translate = useTranslate();
  return (
    <Paper
      elevation={8}
      sx={{
        position: 'fixed',
        left: 0,
        right: 0,
        bottom: 0,
        zIndex: 1200,
        pb: 'env(safe-area-inset-bottom)',
      }}
      onPointerDown={onIntent}
    >
      <BottomNavigation
        component="nav"
        aria-label="bottom navigation"
        showLabels
        value={current}
        onChange={(_, value: string) => onChange(value)}
      >
        {TABS.map((tab) => (
          <BottomNavigationAction
            key={tab.value}
            value={tab.value}
            label={translate(tab.label, { smart_count: 2 })}
            icon={tab.icon}
          />
        ))}
        <BottomNavigationAction value="more" label={translate('app.menu.more')} icon={<MenuIcon />} />
      </BottomNavigation>
    </Paper>
  );
}
