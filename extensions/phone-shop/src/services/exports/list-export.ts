// A list export for the caller: the matrix rights (export, and read of the list's resource), the
// shop's head for the document, the table, and a file name that says what it holds.
import type { ActionContext } from '../context.ts';
import type { LogoLoader } from '../receipts/receipt.ts';
import { requireRight } from '../rights.ts';
import { loadShop } from '../shop.ts';
import { localDate } from './format.ts';
import type { ExportList, ListRequest } from './lists/index.ts';
import { metaForShop } from './meta.ts';
import type { ExportMeta, Table } from './table.ts';

export interface PreparedExport {
  meta: ExportMeta;
  table: Table;
  /** Without extension: sendExport adds the format's. */
  filename: string;
}

function titleOf(list: ExportList, from: string | undefined, to: string | undefined): string {
  if (from && !to) return `${list.title} from ${from}`;
  if (to && !from) return `${list.title} until ${to}`;
  return list.title;
}

export async function prepareListExport(
  ctx: ActionContext,
  list: ExportList,
  request: ListRequest,
  loadLogo: LogoLoader | null,
): Promise<PreparedExport> {
  requireRight(ctx, 'reports', 'export');
  requireRight(ctx, list.resource, 'read');
  const shop = await loadShop(ctx.knex, ctx.shopId);
  const { from, to } = request;
  const meta = await metaForShop(
    shop,
    { title: titleOf(list, from, to), period: from && to ? { from, to } : null, format: request.format },
    loadLogo,
  );
  const days =
    from || to ? [from ?? 'start', to ?? 'today'].join('_') : localDate(meta.generatedAt, shop.timezone);
  return {
    meta,
    table: request.table(ctx, shop),
    filename: `${list.name}-${shop.code}-${days}`,
  };
}
