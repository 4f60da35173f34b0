// Every list that can be exported, by the name in its URL (/api/exports/:list).
import { auditLogsList } from './audit-logs.ts';
import { closuresList } from './closures.ts';
import { customersList } from './customers.ts';
import { devicesList } from './devices.ts';
import { expensesList } from './expenses.ts';
import type { ExportList } from './list.ts';
import { productsList } from './products.ts';
import { repairsList } from './repairs.ts';
import { salesList } from './sales.ts';

export const EXPORT_LISTS = {
  sales: salesList,
  customers: customersList,
  products: productsList,
  devices: devicesList,
  repairs: repairsList,
  expenses: expensesList,
  closures: closuresList,
  'audit-logs': auditLogsList,
} as const satisfies Record<string, ExportList>;

export type ExportListName = keyof typeof EXPORT_LISTS;
export const EXPORT_LIST_NAMES = Object.keys(EXPORT_LISTS) as ExportListName[];

export type { ExportList, ListRequest } from './list.ts';
