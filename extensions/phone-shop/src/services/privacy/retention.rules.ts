// A shop's data retention: how many days it keeps messages, logs and the copies of deleted records
// before the hourly purge removes them (null: for ever). Pure: the settings in, the periods out.
// What each kind covers is in docs/decisions.md ("Privacy").

export const RETENTION_KINDS = ['messages', 'logs', 'deleted_records'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** The `settings` key of each period. */
export const RETENTION_KEYS: Record<RetentionKind, string> = {
  messages: 'retention.messages_days',
  logs: 'retention.logs_days',
  deleted_records: 'retention.deleted_records_days',
};

/**
 * The shortest period of each kind. Logs hold the audit trail, which is the shop's evidence of who did
 * what (a disputed sale, a cash shortfall found at a yearly review): a year at least, and the
 * database refuses to delete audit entries younger than that whatever the setting says (migration
 * 0014). In-app messages: a month, so that someone back from leave still finds theirs. Copies of
 * deleted records: a month, time for an Owner to notice a deletion at the monthly review and see what
 * was deleted.
 */
export const RETENTION_MINIMUM_DAYS: Record<RetentionKind, number> = {
  messages: 30,
  logs: 365,
  deleted_records: 30,
};

/** A hundred years: a larger figure is a typing error, not a policy. */
export const RETENTION_MAXIMUM_DAYS = 36_500;

export type Retention = Record<RetentionKind, number | null>;

/** Keep everything: no setting is a period of null. */
export const KEEP_FOREVER: Retention = { messages: null, logs: null, deleted_records: null };

/**
 * The periods as the purge applies them, from the shop's settings. The settings can also be written
 * through /items (an Owner's `settings.update`), past the API's validation, so every value is read
 * defensively: one that is not a whole number of days keeps the data (the purge never deletes on a
 * value it cannot read), and one below the minimum is raised to the minimum.
 */
export function retentionOf(settings: ReadonlyMap<string, string>): Retention {
  const period = (kind: RetentionKind): number | null => {
    const text = settings.get(RETENTION_KEYS[kind])?.trim();
    if (!text || !/^\d+$/.test(text)) return null;
    const days = Number(text);
    if (!Number.isSafeInteger(days)) return null;
    return Math.min(RETENTION_MAXIMUM_DAYS, Math.max(RETENTION_MINIMUM_DAYS[kind], days));
  };
  return {
    messages: period('messages'),
    logs: period('logs'),
    deleted_records: period('deleted_records'),
  };
}

/** Why a period given to the API is refused, or null when it is acceptable. */
export function retentionProblem(kind: RetentionKind, days: number | null): string | null {
  if (days === null) return null;
  if (!Number.isSafeInteger(days)) return 'must be a whole number of days, or null to keep for ever';
  const minimum = RETENTION_MINIMUM_DAYS[kind];
  if (days < minimum) return `must be at least ${minimum} days, or null to keep for ever`;
  if (days > RETENTION_MAXIMUM_DAYS) return `must be at most ${RETENTION_MAXIMUM_DAYS} days`;
  return null;
}

/** The instant before which rows of a kind are purged, or null when the shop keeps them. */
export function cutoffOf(retention: Retention, kind: RetentionKind, now: Date): Date | null {
  const days = retention[kind];
  return days === null ? null : new Date(now.getTime() - days * 86_400_000);
}
