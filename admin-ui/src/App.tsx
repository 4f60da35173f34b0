// The back office: react-admin over Directus, one <Resource> per folder (its index.ts has the
// views), the point of sale and the other custom pages as routes. Loaded as its own chunk (main.tsx),
// its views when first opened, so the till's first download stays small on a weak connection.
import { lazy } from 'react';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { BrowserRouter, Navigate, Route, useParams } from 'react-router-dom';
import { Forbidden, Guard } from './access/Forbidden.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { LoginPage } from './layout/LoginPage.tsx';
import { ShopNotification } from './layout/ShopNotification.tsx';
import { theme } from './layout/theme.ts';
import { authProvider } from './providers/authProvider.ts';
import { dataProvider } from './providers/dataProvider.ts';
import { i18nProvider } from './providers/i18nProvider.ts';
import { store } from './providers/store.ts';
import { auditLogs } from './audit-logs/index.ts';
import { closures } from './closures/index.ts';
import { customers } from './customers/index.ts';
import { devices } from './devices/index.ts';
import { expenses } from './expenses/index.ts';
import { products } from './products/index.ts';
import { purchaseOrders } from './purchase-orders/index.ts';
import { repairs } from './repairs/index.ts';
import { sales } from './sales/index.ts';
import { staff } from './staff/index.ts';

const PosPage = lazy(() => import('./pos/PosRoute.tsx'));
const Dashboard = lazy(() => import('./dashboard/Dashboard.tsx'));
const RepairBoard = lazy(() => import('./repairs/RepairBoard.tsx'));
const MyRepairs = lazy(() => import('./repairs/MyRepairs.tsx'));
const ReportsPage = lazy(() => import('./reports/ReportsPage.tsx'));
const SettingsPage = lazy(() => import('./settings/SettingsPage.tsx'));
const WebhookList = lazy(() => import('./webhooks/WebhookList.tsx'));
const WebhookShow = lazy(() => import('./webhooks/WebhookShow.tsx'));
const ProfilePage = lazy(() => import('./profile/ProfilePage.tsx'));
const ReorderPage = lazy(() => import('./products/ReorderPage.tsx'));

/** The spec's URLs say /<resource>/new; react-admin's say /<resource>/create. */
function NewRedirect() {
  const { resource = '' } = useParams();
  return <Navigate to={`/${resource}/create`} replace />;
}

export default function App() {
  return (
    // Real paths (/app/pos, /app/sales/12/show), as the spec's page structure names them; the
    // server answers the app's shell for any path under /app.
    <BrowserRouter basename="/app">
      <Admin
        title="Phone Shop"
        dataProvider={dataProvider}
        authProvider={authProvider}
        i18nProvider={i18nProvider}
        store={store}
        theme={theme}
        layout={AppLayout}
        loginPage={LoginPage}
        notification={ShopNotification}
        dashboard={Dashboard}
        accessDenied={Forbidden}
        requireAuth
        disableTelemetry
      >
        <CustomRoutes>
          <Route
            path="/pos"
            element={
              <Guard resource="pos" action="create">
                <PosPage />
              </Guard>
            }
          />
          <Route path="/:resource/new" element={<NewRedirect />} />
          <Route
            path="/repair-board"
            element={
              <Guard resource="repairs" action="list">
                <RepairBoard />
              </Guard>
            }
          />
          <Route
            path="/my-repairs"
            element={
              <Guard resource="repairs" action="list">
                <MyRepairs />
              </Guard>
            }
          />
          <Route
            path="/reports/:report?"
            element={
              <Guard resource="reports" action="list">
                <ReportsPage />
              </Guard>
            }
          />
          <Route
            path="/settings"
            element={
              <Guard resource="settings" action="edit">
                <SettingsPage />
              </Guard>
            }
          />
          <Route
            path="/settings/webhooks"
            element={
              <Guard resource="settings" action="edit">
                <WebhookList />
              </Guard>
            }
          />
          <Route
            path="/settings/webhooks/:id"
            element={
              <Guard resource="settings" action="edit">
                <WebhookShow />
              </Guard>
            }
          />
          <Route
            path="/reorder"
            element={
              <Guard resource="products" action="list">
                <ReorderPage />
              </Guard>
            }
          />
          <Route path="/profile" element={<ProfilePage />} />
        </CustomRoutes>
        <Resource name="sales" {...sales} />
        <Resource name="repairs" {...repairs} />
        <Resource name="devices" {...devices} />
        <Resource name="products" {...products} />
        <Resource name="purchase-orders" {...purchaseOrders} />
        <Resource name="customers" {...customers} />
        <Resource name="closures" {...closures} />
        <Resource name="expenses" {...expenses} />
        <Resource name="staff" {...staff} />
        <Resource name="audit-logs" {...auditLogs} />
        <Resource name="locations" recordRepresentation="name" />
      </Admin>
    </BrowserRouter>
  );
}
