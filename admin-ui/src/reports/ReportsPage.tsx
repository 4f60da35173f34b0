// /reports/<section>: the reports the role may run (GET /api/reports), each as a table over a date
// range, with CSV, Excel and PDF export where the role has the export right.
import {
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Loading, Title, useTranslate } from 'react-admin';
import { api, apiBlob } from '../api/client.ts';
import { can } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { RangeFields, type DayRange } from '../common/RangeFields.tsx';
import { daysBefore, formatDate, formatDateTime, formatMoney, shopToday } from '../format/format.ts';

interface Available {
  name: string;
  title: string;
  periodic: boolean;
}
interface Column {
  key: string;
  label: string;
  type: string;
}
interface Result {
  title: string;
  columns: Column[];
  rows: Record<string, unknown>[];
  summary?: { label: string; type: string; value: unknown }[];
}

const SECTIONS = ['sales', 'repairs', 'inventory', 'financial', 'customers', 'staff'];

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** `sales/by-product` → `sales_by_product`, the report's part of its i18n keys. */
const reportSlug = (name: string): string => name.replace(/[/-]/g, '_');
const labelSlug = (label: string): string =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/**
 * The server sends English labels with stable keys: a column is translated by its key (the report's
 * own label where the key means something else there), a title by the report, a summary line by
 * its label; anything new falls back on the server's English.
 */
export function reportLabels(translate: Translate, name: string) {
  const slug = reportSlug(name);
  const column = (c: { key: string; label: string }): string =>
    translate(`reports.report.by_report.${slug}.${c.key}`, {
      _: translate(`reports.report.columns.${c.key}`, { _: c.label }),
    });
  return {
    title: (fallback: string) => translate(`reports.report.titles.${slug}`, { _: fallback }),
    column,
    summary: (label: string) => translate(`reports.report.summary.${labelSlug(label)}`, { _: label }),
  };
}

function cell(type: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  const raw = value as string | number | boolean;
  switch (type) {
    case 'money':
      return formatMoney(Number(value));
    case 'basis_points':
      return `${(Number(value) / 100).toFixed(1)}%`;
    case 'date':
      return formatDate(String(raw));
    case 'datetime':
      return formatDateTime(String(raw));
    case 'number':
      return Number(value).toFixed(2);
    default:
      return String(raw);
  }
}

export default function ReportsPage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const showError = useApiError();
  const { report: section = 'sales' } = useParams();
  const today = shopToday();
  const [range, setRange] = useState<DayRange>({ from: daysBefore(today, 29), to: today });
  const { from, to } = range;
  const [available, setAvailable] = useState<Available[] | null>(null);
  const [name, setName] = useState<string>('');
  const [result, setResult] = useState<Result | null>(null);

  useEffect(() => {
    api<Available[]>('/api/reports').then(setAvailable).catch(showError);
  }, [showError]);
  const inSection = (available ?? []).filter((r) => r.name.startsWith(`${section}/`));
  useEffect(() => {
    setName(inSection[0]?.name ?? '');
  }, [section, available]);
  useEffect(() => {
    if (!name) return;
    setResult(null);
    api<Result>(`/api/reports/${name}`, { query: { from, to } }).then(setResult).catch(showError);
  }, [name, from, to, showError]);

  const download = (format: string) => {
    apiBlob(`/api/reports/${name}`, { from, to, format })
      .then((blob) => {
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = `${name.replace('/', '-')}-${from}-${to}.${format}`;
        a.click();
      })
      .catch(showError);
  };

  if (!available) return <Loading />;
  const labels = reportLabels(translate, name);
  const sections = SECTIONS.filter((s) => available.some((r) => r.name.startsWith(`${s}/`)));
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('reports.title')} />
      <Tabs
        value={sections.includes(section) ? section : false}
        onChange={(_, s: string) => void navigate(`/reports/${s}`)}
        variant="scrollable"
      >
        {sections.map((s) => (
          <Tab key={s} value={s} label={translate(`reports.${s}`, { _: s })} />
        ))}
      </Tabs>
      <Box sx={{ display: 'flex', gap: 1, my: 2, flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          value={name}
          onChange={(e) => setName(e.target.value)}
          sx={{ minWidth: 220 }}
        >
          {inSection.map((r) => (
            <MenuItem key={r.name} value={r.name}>
              {reportLabels(translate, r.name).title(r.title)}
            </MenuItem>
          ))}
        </TextField>
        <RangeFields value={range} onChange={setRange} />
        {can('reports', 'export') &&
          ['csv', 'xlsx', 'pdf'].map((f) => (
            <Button key={f} variant="outlined" onClick={() => download(f)}>
              {f.toUpperCase()}
            </Button>
          ))}
      </Box>
      {!result && name && <Loading />}
      {result && (
        <Card>
          <CardContent sx={{ overflowX: 'auto' }}>
            <Typography variant="h6">{labels.title(result.title)}</Typography>
            {result.rows.length === 0 ? (
              <Typography color="text.secondary">{translate('reports.no_data')}</Typography>
            ) : (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    {result.columns.map((c) => (
                      <TableCell
                        key={c.key}
                        align={
                          ['money', 'integer', 'number', 'basis_points'].includes(c.type) ? 'right' : 'left'
                        }
                      >
                        {labels.column(c)}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {result.rows.map((row, i) => (
                    <TableRow key={i}>
                      {result.columns.map((c) => (
                        <TableCell
                          key={c.key}
                          align={
                            ['money', 'integer', 'number', 'basis_points'].includes(c.type) ? 'right' : 'left'
                          }
                        >
                          {cell(c.type, row[c.key])}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {result.summary?.map((s) => (
              <Typography key={s.label} sx={{ mt: 1 }}>
                {labels.summary(s.label)}: <strong>{cell(s.type, s.value)}</strong>
              </Typography>
            ))}
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
