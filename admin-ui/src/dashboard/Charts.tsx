// The dashboard's charts (recharts, loaded with the dashboard only, never with the till).
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api } from '../api/client.ts';
import { can } from '../access/session.ts';
import { formatMoney } from '../format/format.ts';
import { colors } from '../layout/theme.ts';
import { Panel } from './Dashboard.tsx';

const PALETTE = [
  colors.primary600,
  colors.success500,
  colors.warning500,
  colors.danger500,
  colors.info500,
  colors.gray500,
];
const short = (value: number): string =>
  Math.abs(value) >= 1_000_000
    ? `${(value / 1_000_000).toFixed(1)}M`
    : Math.abs(value) >= 1000
      ? `${String(Math.round(value / 1000))}k`
      : String(value);
const moneyTip = (value: unknown): string => formatMoney(Number(value));

interface Report {
  columns: { key: string; type: string }[];
  rows: Record<string, unknown>[];
}

/** The payment-method split of the period, from the sales report (roles with reports only). */
function usePaymentSplit(from: string, to: string): { name: string; value: number }[] {
  const [data, setData] = useState<{ name: string; value: number }[]>([]);
  useEffect(() => {
    if (!can('reports', 'list')) return;
    api<Report>('/api/reports/sales/by-payment-method', { query: { from, to } })
      .then((report) => {
        const label = report.columns.find((c) => c.type === 'text')?.key;
        const amount = report.columns.find((c) => c.type === 'money')?.key;
        if (!label || !amount) return;
        setData(
          report.rows
            .map((r) => ({ name: String(r[label]), value: Number(r[amount]) }))
            .filter((r) => r.value > 0),
        );
      })
      .catch(() => undefined);
  }, [from, to]);
  return data;
}

export default function Charts({
  widgets,
  from,
  to,
}: {
  widgets: Record<string, unknown>;
  from: string;
  to: string;
}) {
  const translate = useTranslate();
  const split = usePaymentSplit(from, to);
  const cashFlow = widgets['cash_flow'] as
    { day: string; money_in: number; money_out: number; net: number }[] | undefined;
  const topProducts = widgets['top_products'] as { name: string; revenue: number }[] | undefined;
  const repairStatus = widgets['repair_status'] as Record<string, number> | undefined;
  const team = (widgets['team_performance'] ?? widgets['staff_performance']) as
    { name: string; net?: number; sales_value?: number; sales?: number }[] | undefined;
  const topCustomers = widgets['top_customers'] as { name: string; paid: number }[] | undefined;

  return (
    <>
      {cashFlow && cashFlow.length > 0 && (
        <Panel title={translate('dashboard.cash_flow')}>
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={cashFlow}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} />
              <YAxis tickFormatter={short} width={48} />
              <Tooltip formatter={moneyTip} />
              <Legend />
              <Line type="monotone" dataKey="money_in" stroke={colors.success500} dot={false} />
              <Line type="monotone" dataKey="money_out" stroke={colors.danger500} dot={false} />
              <Line type="monotone" dataKey="net" stroke={colors.primary600} dot={false} />
            </LineChart>
          </ResponsiveContainer>
        </Panel>
      )}
      {split.length > 0 && (
        <Panel title={translate('dashboard.payment_methods')}>
          <ResponsiveContainer width="100%" height={240}>
            <PieChart>
              <Pie
                data={split.map((entry, i) => ({ ...entry, fill: PALETTE[i % PALETTE.length] }))}
                dataKey="value"
                nameKey="name"
                outerRadius={90}
                label={({ name }: { name?: string }) =>
                  translate(`app.method.${name ?? ''}`, { _: name ?? '' })
                }
              />
              <Tooltip formatter={moneyTip} />
            </PieChart>
          </ResponsiveContainer>
        </Panel>
      )}
      {topProducts && topProducts.length > 0 && (
        <Panel title={translate('dashboard.top_products')}>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={topProducts} layout="vertical" margin={{ left: 24 }}>
              <XAxis type="number" tickFormatter={short} />
              <YAxis type="category" dataKey="name" width={120} />
              <Tooltip formatter={moneyTip} />
              <Bar dataKey="revenue" fill={colors.primary600} />
            </BarChart>
          </ResponsiveContainer>
        </Panel>
      )}
      {repairStatus && Object.keys(repairStatus).length > 0 && (
        <Panel title={translate('dashboard.repair_status')}>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart
              data={Object.entries(repairStatus).map(([status, count]) => ({
                status: translate(`app.status.${status}`),
                count,
              }))}
            >
              <XAxis dataKey="status" />
              <YAxis allowDecimals={false} width={32} />
              <Tooltip />
              <Bar dataKey="count" fill={colors.info500} />
            </BarChart>
          </ResponsiveContainer>
        </Panel>
      )}
      {team && team.length > 0 && (
        <Panel
          title={translate(
            widgets['team_performance'] ? 'dashboard.staff_performance' : 'dashboard.staff_performance',
          )}
        >
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={team.map((t) => ({ name: t.name, value: t.net ?? t.sales_value ?? 0 }))}>
              <XAxis dataKey="name" />
              <YAxis tickFormatter={short} width={48} />
              <Tooltip formatter={moneyTip} />
              <Bar dataKey="value" fill={colors.success500} />
            </BarChart>
          </ResponsiveContainer>
        </Panel>
      )}
      {topCustomers && topCustomers.length > 0 && (
        <Panel title={translate('dashboard.top_customers')}>
          {topCustomers.map((c) => (
            <div key={c.name}>
              {c.name} · {formatMoney(c.paid)}
            </div>
          ))}
        </Panel>
      )}
    </>
  );
}
