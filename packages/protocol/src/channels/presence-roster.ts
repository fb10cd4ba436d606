// PresenceRoster: who is on a presence channel, counting each user once however many sockets they use.

/** A presence member as the protocol shows it. */
export interface PresenceMember {
  readonly userId: string;
  readonly userInfo: unknown;
}

interface Entry {
  member: PresenceMember;
  sockets: number;
}

/**
 * Members of one presence channel keyed by user id. A user joins on their first socket and leaves
 * on their last; the info of the first socket wins until they leave, as in Pusher.
 */
export class PresenceRoster {
  private readonly entries = new Map<string, Entry>();

  get count(): number {
    return this.entries.size;
  }

  /** Adds one socket of the user; returns the member when this made the user join. */
  add(member: PresenceMember): PresenceMember | undefined {
    const entry = this.entries.get(member.userId);
    if (entry) {
      entry.sockets++;
      return undefined;
    }
    this.entries.set(member.userId, { member, sockets: 1 });
    return member;
  }

  /** Removes one socket of the user; returns true when this was the user's last socket. */
  remove(userId: string): boolean {
    const entry = this.entries.get(userId);
    if (!entry) return false;
    if (--entry.sockets > 0) return false;
    this.entries.delete(userId);
    return true;
  }

  has(userId: string): boolean {
    return this.entries.has(userId);
  }

  *members(): IterableIterator<PresenceMember> {
    for (const entry of this.entries.values()) yield entry.member;
  }

  userIds(): IterableIterator<string> {
    return this.entries.keys();
  }
}
