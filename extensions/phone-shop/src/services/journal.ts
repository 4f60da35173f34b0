// The rows a business action appends besides its own change: the audit trail, the outbox, in-app
// notifications, the stock and loyalty ledgers, and on the point of sale the sale itself. They are
// collected while the action runs and written together in one statement just before it commits
// (runAction in endpoints/api/http.ts), so that a checkout costs a few round trips to PostgreSQL
// instead of one per row and table (bench/RESULTS.md). Nothing reads them back inside the action.
//
// Rows are written in the order their tables were first added, in one INSERT per table, each a
// data-modifying WITH of the same statement: parents (a sale) come before children (its lines),
// and the foreign keys, checked at the end of the statement, see both.
import type { Knex } from 'knex';
import { prepared } from '../database/prepared.ts';
import { ROLE_IDS } from '../../../../snapshots/access/roles.ts';
import type { ShopRole } from '../../../../snapshots/access/matrix.ts';

/** Tables only the journal appends to from the /api actions. */
export type JournalTable =
  | 'audit_logs'
  | 'outbox_events'
  | 'stock_movements'
  | 'loyalty_transactions'
  | 'sales'
  | 'sale_items'
  | 'sale_payments';

export interface Notification {
  title: string;
  message: string;
  type: string;
  link?: string | undefined;
}

interface Recipients {
  roles: readonly ShopRole[];
  users: readonly string[];
}

export class Journal {
  private readonly rows = new Map<JournalTable, Record<string, unknown>[]>();
  private readonly notifications: (Notification & { shop_id: number; recipients: Recipients })[] = [];

  /** Appends rows to a table; a column a row leaves out (or undefined) is NULL in it. */
  append(table: JournalTable, ...rows: Record<string, unknown>[]): void {
    if (rows.length === 0) return;
    const list = this.rows.get(table) ?? [];
    list.push(...rows);
    this.rows.set(table, list);
  }

  /**
   * An in-app notification for the shop's active users of some roles, or for some users of it (a
   * user who is not active in the shop, such as the platform admin, gets none).
   */
  notify(shopId: number, recipients: Partial<Recipients>, notification: Notification): void {
    this.notifications.push({
      ...notification,
      shop_id: shopId,
      recipients: { roles: recipients.roles ?? [], users: recipients.users ?? [] },
    });
  }

  get isEmpty(): boolean {
    return this.rows.size === 0 && this.notifications.length === 0;
  }

  /** Writes everything collected so far in one statement, and forgets it. */
  async flush(knex: Knex): Promise<void> {
    const statement = this.take();
    if (statement) await prepared(knex, statement.sql, statement.bindings);
  }

  /** The one statement that writes everything collected so far (with knex's `?` placeholders), and forgets it. */
  take(): { sql: string; bindings: Knex.RawBinding[] } | null {
    if (this.isEmpty) return null;
    const parts: string[] = [];
    const bindings: Knex.RawBinding[] = [];
    for (const [table, rows] of this.rows) {
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => r[k] !== undefined)))];
      const list = columns.map((c) => `"${c}"`).join(', ');
      // The table's own row type casts each JSON value to its column's type; the columns no row
      // gives take their defaults (ids, created_at).
      parts.push(
        `INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::"${table}", ?::jsonb)`,
      );
      bindings.push(JSON.stringify(rows));
    }
    if (this.notifications.length > 0) {
      parts.push(
        `INSERT INTO notifications (shop_id, user_id, title, message, type, link)
         SELECT n.shop_id, u.id, n.title, n.message, n.type, n.link
         FROM jsonb_to_recordset(?::jsonb) AS n(shop_id integer, roles jsonb, users jsonb, title text, message text, type text, link text)
         JOIN directus_users u ON u.shop = n.shop_id AND u.status = 'active'
           AND (n.roles @> to_jsonb(u.role::text) OR n.users @> to_jsonb(u.id::text))`,
      );
      bindings.push(
        JSON.stringify(
          this.notifications.map(({ recipients, ...n }) => ({
            ...n,
            link: n.link ?? null,
            roles: recipients.roles.map((r) => ROLE_IDS[r]),
            users: recipients.users,
          })),
        ),
      );
    }
    this.rows.clear();
    this.notifications.length = 0;
    const sql =
      parts.length === 1
        ? (parts[0] ?? '')
        : `WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(', ')} SELECT 1`;
    return { sql, bindings };
  }
}
