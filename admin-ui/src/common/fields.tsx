// Fields shared by every resource: amounts in the shop's currency, dates in the shop's timezone,
// statuses as translated chips, and lists that turn into cards on phones.
import { Chip, useMediaQuery, type Theme } from '@mui/material';
import type { ReactNode } from 'react';
import { FunctionField, useLocale, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { formatDate, formatDateTime, formatMoney } from '../format/format.ts';
import { PhoneList, type SwipeAction } from './PhoneList.tsx';

type Row = RaRecord & Record<string, unknown>;

interface FieldProps {
  source: string;
  label?: string;
  sortable?: boolean;
  sortBy?: string;
}

export function MoneyField({ source, ...rest }: FieldProps) {
  return (
    <FunctionField
      source={source}
      {...rest}
      textAlign="right"
      render={(record: Row) => formatMoney(record[source] as number | null)}
    />
  );
}

export function DateTimeField({ source, dateOnly = false, ...rest }: FieldProps & { dateOnly?: boolean }) {
  const locale = useLocale();
  return (
    <FunctionField
      source={source}
      {...rest}
      render={(record: Row) =>
        dateOnly
          ? formatDate(record[source] as string | null, locale)
          : formatDateTime(record[source] as string | null, locale)
      }
    />
  );
}

const STATUS_COLOR: Record<string, 'default' | 'success' | 'warning' | 'error' | 'info' | 'primary'> = {
  Submitted: 'info',
  Approved: 'success',
  Rejected: 'error',
  Locked: 'default',
  Reversed: 'warning',
  Reviewed: 'primary',
  Pending: 'warning',
  Diagnosed: 'info',
  'Parts Ordered': 'warning',
  'In Progress': 'primary',
  'Quality Check': 'info',
  Completed: 'success',
  Delivered: 'success',
  Cancelled: 'default',
  'In Stock': 'success',
  Sold: 'default',
  'In Repair': 'warning',
  active: 'success',
  suspended: 'error',
  Ordered: 'info',
  'Partially Received': 'warning',
  Received: 'success',
};

export function StatusChip({ status }: { status: string | null | undefined }) {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={STATUS_COLOR[status] ?? 'default'}
      label={translate(`app.status.${status}`, { _: status })}
    />
  );
}

export function StatusField({ source = 'status', ...rest }: Partial<FieldProps>) {
  return (
    <FunctionField
      source={source}
      {...rest}
      render={(record: Row) => <StatusChip status={record[source] as string} />}
    />
  );
}

export function MethodField({ source = 'payment_method', ...rest }: Partial<FieldProps>) {
  const translate = useTranslate();
  return (
    <FunctionField
      source={source}
      {...rest}
      render={(record: Row) => {
        const method = record[source] as string | null;
        return method ? translate(`app.method.${method}`, { _: method }) : '';
      }}
    />
  );
}

export function usePhone(): boolean {
  return useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
}

/** A table on a desktop, swipeable cards on a phone (PhoneList), with pull-to-refresh. */
export function ResponsiveList({
  table,
  primary,
  secondary,
  tertiary,
  linkType = 'show',
  swipeActions,
}: {
  table: ReactNode;
  primary: (record: Row) => ReactNode;
  secondary?: (record: Row) => ReactNode;
  tertiary?: (record: Row) => ReactNode;
  linkType?: 'show' | 'edit' | false;
  swipeActions?: (record: Row) => SwipeAction[];
}) {
  const phone = usePhone();
  if (!phone) return table;
  return (
    <PhoneList
      primary={primary}
      secondary={secondary}
      tertiary={tertiary}
      linkType={linkType}
      swipeActions={swipeActions}
    />
  );
}

export function useRow(): Row | undefined {
  return useRecordContext<Row>();
}

export const money = formatMoney;
