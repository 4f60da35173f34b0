// react-admin's notification, less the notices of session-wide refusals: a page that failed to load
// because the server asked to slow down, or because two-factor authentication must be turned on
// first, is not told in red; the app says it once, calmly (access/SessionEvents.tsx).
import { useContext, useMemo } from 'react';
import { Notification, NotificationContext, type NotificationPayload } from 'react-admin';
import { isQuietMessage } from '../api/client.ts';

function quietened(payload: NotificationPayload): boolean {
  if (payload.type !== 'error' && payload.type !== 'warning') return false;
  const args = payload.notificationOptions?.messageArgs as { _?: unknown } | undefined;
  return isQuietMessage(payload.message) || isQuietMessage(args?._);
}

export function ShopNotification() {
  // The context itself: useNotificationContext's declared type does not resolve under NodeNext.
  const context = useContext(NotificationContext);
  const value = useMemo(
    () => ({
      ...context,
      // One at a time: the queue shrinks with a new context, and the notification takes again.
      takeNotification: () => {
        const next = context.takeNotification();
        return next && quietened(next) ? undefined : next;
      },
    }),
    [context],
  );
  return (
    <NotificationContext.Provider value={value}>
      <Notification />
    </NotificationContext.Provider>
  );
}
