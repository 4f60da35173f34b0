// Phones get a bottom navigation bar within thumb's reach: sell, dashboard, repairs, sales, and
// "more" to open the full menu.
import BuildIcon from '@mui/icons-material/Build';
import DashboardIcon from '@mui/icons-material/Dashboard';
import MenuIcon from '@mui/icons-material/Menu';
import PointOfSaleIcon from '@mui/icons-material/PointOfSale';
import ReceiptIcon from '@mui/icons-material/Receipt';
import { BottomNavigation, BottomNavigationAction, Paper } from '@mui/material';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSidebarState, useTranslate } from 'react-admin';

const TABS = [
  { value: '/pos', label: 'app.menu.pos', icon: <PointOfSaleIcon /> },
  { value: '/', label: 'app.menu.dashboard', icon: <DashboardIcon /> },
  { value: '/repairs', label: 'resources.repairs.name', icon: <BuildIcon /> },
  { value: '/sales', label: 'resources.sales.name', icon: <ReceiptIcon /> },
];

export function BottomNav() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [, setOpen] = useSidebarState();
  const current =
    TABS.filter((t) => t.value !== '/').find((t) => pathname.startsWith(t.value))?.value ??
    (pathname === '/' ? '/' : false);
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
    >
      <BottomNavigation
        component="nav"
        aria-label="bottom navigation"
        showLabels
        value={current}
        onChange={(_, value: string) => {
          if (value === 'more') setOpen(true);
          else void navigate(value);
        }}
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
