// PresenceUsers: the app → presence user_id → connections index that terminating a user reads.
import type { Connection } from './connection';

/**
 * The connections that joined any presence channel of one app as a user id, kept on presence
 * join and leave (a close leaves every channel), so terminating a user reads one entry instead of
 * scanning channels. A socket may join several presence channels as the same user; it stays
 * indexed until it has left the last of them.
 */
export class PresenceUsers {
  private readonly byUser = new Map<string, Map<Connection, number>>();

  /** Records one presence channel joined by `conn` as `userId`. */
  add(userId: string, conn: Connection): void {
    let joins = this.byUser.get(userId);
    if (!joins) this.byUser.set(userId, (joins = new Map<Connection, number>()));
    joins.set(conn, (joins.get(conn) ?? 0) + 1);
  }

  /** Records one presence channel left by `conn`, which had joined it as `userId`. */
  remove(userId: string, conn: Connection): void {
    const joins = this.byUser.get(userId);
    const count = joins?.get(conn);
    if (joins === undefined || count === undefined) return;
    if (count > 1) joins.set(conn, count - 1);
    else if (joins.delete(conn) && joins.size === 0) this.byUser.delete(userId);
  }

  /** The connections present as `userId` in at least one presence channel. */
  connections(userId: string): Iterable<Connection> {
    return this.byUser.get(userId)?.keys() ?? [];
  }

  /** How many user ids are indexed (for tests and leak checks). */
  get size(): number {
    return this.byUser.size;
  }
}
