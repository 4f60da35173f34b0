// The role's dashboard from GET /api/dashboard: KPI cards with the change against the previous
// period, charts (line: cash flow; bar: top products, repairs by status, team; pie: payment methods),
// lists and quick actions. A widget the server does not send is simply not shown.
import {
  Box,
  Button,
  Card,
  CardContent,
  List,
  ListItem,
  ListItemText,
  Skeleton,
  Typography,
} from '@mui/material';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { identity } from '../access/session.ts';
import { RangeFields, type DayRange } from '../common/RangeFields.tsx';
import { daysBefore, formatMoney, shopToday } from '../format/format.ts';

const Charts = lazy(() => import('./Charts.tsx'));

interface Compared {
  value: number;
  previous: number;
  change_bp: number | null;
}
type Widgets = Record<string, unknown>;

const isCompared = (v: unknown): v is Compared =>
  typeof v === 'object' && v !== null && 'value' in v && typeof (v as Compared).value === 'number';

function Change({ bp }: { bp: number | null }) {
  if (bp === null) return null;
  const color = bp > 0 ? 'success.main' : bp < 0 ? 'error.main' : 'text.secondary';
  return (
    <Typography variant="caption" sx={{ color }}>
      {bp > 0 ? '▲' : bp < 0 ? '▼' : '•'} {(Math.abs(bp) / 100).toFixed(1)}%
    </Typography>
  );
}

export function Kpi({
  title,
  value,
  change,
  testId,
}: {
  title: string;
  value: ReactNode;
  change?: number | null;
  testId?: string;
}) {
  return (
    <Card data-testid={testId}>
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {title}
        </Typography>
        <Typography variant="h3" component="p" sx={{ my: 0.5 }}>
          {value}
        </Typography>
        {change !== undefined && <Change bp={change} />}
      </CardContent>
    </Card>
  );
}

export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

const QUICK: Record<string, { to: string; label: string }> = {
  new_sale: { to: '/pos', label: 'dashboard.new_sale' },
  new_repair: { to: '/repairs/create', label: 'dashboard.new_repair' },
  new_customer: { to: '/customers/create', label: 'resources.customers.name' },
  add_device: { to: '/devices/create', label: 'resources.devices.name' },
  daily_closure: { to: '/closures/create', label: 'dashboard.close_day' },
  new_expense: { to: '/expenses/create', label: 'resources.expenses.name' },
  adjust_stock: { to: '/products', label: 'app.action.adjust_stock' },
};

function QuickActions({ actions }: { actions: string[] }) {
  const translate = useTranslate();
  return (
    <Panel title={translate('dashboard.quick_actions')}>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 1 }}>
        {actions
          .filter((a) => QUICK[a])
          .map((a) => (
            <Button key={a} variant="outlined" component={Link} to={QUICK[a]?.to ?? '/'}>
              {translate(QUICK[a]?.label ?? a, { smart_count: 1 })}
            </Button>
          ))}
      </Box>
    </Panel>
  );
}

export default function Dashboard() {
  const translate = useTranslate();
  const role = identity()?.role ?? 'Staff';
  const today = shopToday();
  const [range, setRange] = useState<DayRange>({ from: daysBefore(today, 29), to: today });
  const { from, to } = range;
  const [widgets, setWidgets] = useState<Widgets | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    setFailed(false);
    api<{ widgets: Widgets }>('/api/dashboard', { query: role === 'Owner' ? { from, to } : {} })
      .then((d) => setWidgets(d.widgets))
      .catch(() => setFailed(true));
  }, [from, to, role]);

  const w = widgets ?? {};
  const kpis: ReactNode[] = [];
  const todaySales = w['today_sales'] as { count?: Compared; value?: Compared } | undefined;
  if (todaySales?.count)
    kpis.push(
      <Kpi
        key="c"
        testId="kpi-today-sales"
        title={translate('dashboard.today_sales')}
        value={todaySales.count.value}
        change={todaySales.count.change_bp}
      />,
    );
  if (todaySales?.value)
    kpis.push(
      <Kpi
        key="v"
        title={translate('dashboard.today_revenue')}
        value={formatMoney(todaySales.value.value)}
        change={todaySales.value.change_bp}
      />,
    );
  if (isCompared(w['today_revenue']))
    kpis.push(
      <Kpi
        key="r"
        testId="kpi-today-revenue"
        title={translate('dashboard.today_revenue')}
        value={formatMoney(w['today_revenue'].value)}
        change={w['today_revenue'].change_bp}
      />,
    );
  const revenue = w['revenue'] as Record<string, Compared> | undefined;
  if (revenue)
    for (const [name, figure] of Object.entries(revenue))
      kpis.push(
        <Kpi
          key={name}
          testId={`kpi-revenue-${name}`}
          title={`${translate('dashboard.revenue')} · ${name}`}
          value={formatMoney(figure.value)}
          change={figure.change_bp}
        />,
      );
  const margin = w['profit_margin'] as { gross_margin_bp?: Compared } | undefined;
  if (margin?.gross_margin_bp)
    kpis.push(
      <Kpi
        key="m"
        title={translate('dashboard.profit_margin')}
        value={`${(margin.gross_margin_bp.value / 100).toFixed(1)}%`}
        change={margin.gross_margin_bp.change_bp}
      />,
    );
  const pending = w['pending_repairs'] as
    | {
        count: number;
        repairs: { id: number; repair_number: string; device_model: string; status: string }[];
      }
    | undefined;
  if (pending) kpis.push(<Kpi key="p" title={translate('dashboard.my_repairs')} value={pending.count} />);
  const approvals = w['pending_approvals'] as Record<string, number> | undefined;
  if (approvals)
    kpis.push(
      <Kpi
        key="a"
        title={translate('dashboard.pending_approvals')}
        value={Object.values(approvals).reduce((a, b) => a + b, 0)}
      />,
    );
  const alerts = w['inventory_alerts'] as
    { count: number; products: { id: number; name: string; stock_quantity: number }[] } | undefined;
  if (alerts) kpis.push(<Kpi key="l" title={translate('dashboard.low_stock')} value={alerts.count} />);
  const completion = w['repair_completion'] as { completion_rate_bp: number | null } | undefined;
  if (completion)
    kpis.push(
      <Kpi
        key="rc"
        title={translate('dashboard.repair_completion')}
        value={
          completion.completion_rate_bp === null
            ? '—'
            : `${(completion.completion_rate_bp / 100).toFixed(0)}%`
        }
      />,
    );
  const turnover = w['inventory_turnover'] as { turnover: number | null } | undefined;
  if (turnover)
    kpis.push(
      <Kpi
        key="t"
        title={translate('dashboard.inventory_turnover')}
        value={turnover.turnover === null ? '—' : turnover.turnover.toFixed(2)}
      />,
    );

  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }} data-testid="dashboard">
      <Title title={translate('dashboard.title')} />
      {role === 'Owner' && (
        <Box sx={{ display: 'flex', gap: 1, mb: 2, flexWrap: 'wrap' }}>
          <RangeFields value={range} onChange={setRange} />
          <Button onClick={() => setRange({ from: today, to: today })}>{translate('app.range.today')}</Button>
          <Button onClick={() => setRange({ from: daysBefore(today, 6), to: today })}>
            {translate('app.range.week')}
          </Button>
          <Button onClick={() => setRange({ from: daysBefore(today, 29), to: today })}>
            {translate('app.range.month')}
          </Button>
        </Box>
      )}
      {failed && <Typography color="text.secondary">{translate('dashboard.unavailable')}</Typography>}
      {!widgets && !failed && <Skeleton variant="rounded" height={120} />}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' } }}>
        {kpis}
      </Box>
      <Box sx={{ display: 'grid', gap: 2, mt: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        {Array.isArray(w['quick_actions']) && <QuickActions actions={w['quick_actions'] as string[]} />}
        {pending && pending.repairs.length > 0 && (
          <Panel title={translate('dashboard.my_repairs')}>
            <List dense>
              {pending.repairs.map((r) => (
                <ListItem key={r.id} component={Link} to={`/repairs/${String(r.id)}/show`}>
                  <ListItemText
                    primary={`${r.repair_number} · ${r.device_model}`}
                    secondary={translate(`app.status.${r.status}`)}
                  />
                </ListItem>
              ))}
            </List>
          </Panel>
        )}
        {alerts && alerts.products.length > 0 && (
          <Panel title={translate('dashboard.low_stock')}>
            <List dense>
              {alerts.products.map((p) => (
                <ListItem key={p.id}>
                  <ListItemText
                    primary={p.name}
                    secondary={translate('pos.in_stock', { count: p.stock_quantity })}
                  />
                </ListItem>
              ))}
            </List>
          </Panel>
        )}
        {widgets && (
          <Suspense fallback={<Skeleton variant="rounded" height={240} />}>
            <Charts widgets={widgets} from={from} to={to} />
          </Suspense>
        )}
      </Box>
    </Box>
  );
}
