// The sidebar: only the pages the role may open, from the permission matrix (canAccess).
import AssessmentIcon from '@mui/icons-material/Assessment';
import BuildIcon from '@mui/icons-material/Build';
import DashboardIcon from '@mui/icons-material/Dashboard';
import PersonIcon from '@mui/icons-material/Person';
import PointOfSaleIcon from '@mui/icons-material/PointOfSale';
import SettingsIcon from '@mui/icons-material/Settings';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import { Menu, useCanAccess, useTranslate } from 'react-admin';
import type { ReactElement } from 'react';

function Item({
  to,
  label,
  icon,
  resource,
  action,
}: {
  to: string;
  label: string;
  icon: ReactElement;
  resource: string;
  action: string;
}) {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource, action });
  if (!canAccess) return null;
  return <Menu.Item to={to} primaryText={translate(label)} leftIcon={icon} />;
}

export function AppMenu() {
  return (
    <Menu>
      <Item to="/pos" label="app.menu.pos" icon={<PointOfSaleIcon />} resource="pos" action="create" />
      <Menu.DashboardItem leftIcon={<DashboardIcon />} />
      <Menu.ResourceItem name="sales" />
      <Menu.ResourceItem name="repairs" />
      <Item
        to="/repair-board"
        label="app.menu.board"
        icon={<ViewKanbanIcon />}
        resource="repairs"
        action="list"
      />
      <Item
        to="/my-repairs"
        label="app.menu.my_repairs"
        icon={<BuildIcon />}
        resource="repairs"
        action="list"
      />
      <Menu.ResourceItem name="devices" />
      <Menu.ResourceItem name="products" />
      <Menu.ResourceItem name="purchase-orders" />
      <Menu.ResourceItem name="customers" />
      <Menu.ResourceItem name="closures" />
      <Menu.ResourceItem name="expenses" />
      <Menu.ResourceItem name="staff" />
      <Item
        to="/reports/sales"
        label="app.menu.reports"
        icon={<AssessmentIcon />}
        resource="reports"
        action="list"
      />
      <Menu.ResourceItem name="audit-logs" />
      <Item
        to="/settings"
        label="app.menu.settings"
        icon={<SettingsIcon />}
        resource="settings"
        action="edit"
      />
      <Item to="/profile" label="app.menu.profile" icon={<PersonIcon />} resource="profile" action="edit" />
    </Menu>
  );
}
