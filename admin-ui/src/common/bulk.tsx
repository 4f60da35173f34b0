// Bulk actions on the selected rows of a list: a business action of /api sent for each row (approve,
// lock...), reporting how many were done and the first refusal; and the generic update and delete,
// offered only where the role may act (menus and buttons from the permission matrix).
import { Button } from '@mui/material';
import { useState, type ReactNode } from 'react';
import {
  BulkDeleteButton,
  BulkUpdateButton,
  useListContext,
  useNotify,
  useRefresh,
  useTranslate,
  useUnselectAll,
} from 'react-admin';
import { api } from '../api/client.ts';
import { describeError } from '../api/useApiError.ts';
import { can } from '../access/session.ts';

export function BulkApiButton({
  label,
  path,
  body = {},
  color = 'primary',
}: {
  label: string;
  path: (id: string) => string;
  body?: unknown;
  color?: 'primary' | 'error';
}) {
  const { selectedIds, resource } = useListContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    let done = 0;
    let firstError: unknown = null;
    for (const id of selectedIds) {
      try {
        await api(path(String(id)), { method: 'POST', body });
        done += 1;
      } catch (error) {
        firstError ??= error;
      }
    }
    setBusy(false);
    const failed = selectedIds.length - done;
    notify(
      failed === 0
        ? translate('lists.bulk_done', { smart_count: done })
        : translate('lists.bulk_partial', {
            done,
            failed,
            reason: describeError(firstError, translate),
          }),
      { type: failed === 0 ? 'success' : 'warning', autoHideDuration: 8000 },
    );
    unselectAll();
    refresh();
  };
  return (
    <Button size="small" color={color} disabled={busy} onClick={() => void run()}>
      {translate(label)}
    </Button>
  );
}

/** The bulk buttons a resource's list offers, each only when `can(resource, action)`. */
export function BulkActions({
  resource,
  children,
  deletable = true,
}: {
  resource: string;
  children?: ReactNode;
  deletable?: boolean;
}) {
  return (
    <>
      {children}
      {deletable && can(resource, 'delete') && <BulkDeleteButton mutationMode="pessimistic" />}
    </>
  );
}

export function BulkSetButton({ label, data }: { label: string; data: Record<string, unknown> }) {
  return <BulkUpdateButton label={label} data={data} mutationMode="pessimistic" />;
}

/** Whether a list offers any bulk action to this role (no checkboxes otherwise). */
export const anyBulk = (resource: string, actions: string[]): boolean =>
  actions.some((action) => can(resource, action));
