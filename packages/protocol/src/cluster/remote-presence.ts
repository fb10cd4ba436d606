// RemotePresence: the presence members other nodes hold, replicated here so rosters need no round trip.

type NodeInfos = Map<string, unknown>; // nodeId → user_info
type Channels = Map<string, Map<string, NodeInfos>>; // channel → userId → holders

/** One presence entry as nodes exchange it: app, channel, user, info. */
export type PresenceEntry = readonly [
  appId: string,
  channel: string,
  userId: string,
  info: unknown,
];

/**
 * For each app and presence channel, which users are present on which other nodes. A user is
 * present cluster-wide while any node (this one included, checked by the caller) holds them.
 */
export class RemotePresence {
  private readonly apps = new Map<string, Channels>();
  /** Entries per node, so a dead node's members are found without a scan of every channel. */
  private readonly byNode = new Map<string, Set<string>>();

  /** Records that `nodeId` holds the user; returns true if no other node held them before. */
  add(nodeId: string, appId: string, channel: string, userId: string, info: unknown): boolean {
    let channels = this.apps.get(appId);
    if (!channels) this.apps.set(appId, (channels = new Map<string, Map<string, NodeInfos>>()));
    let users = channels.get(channel);
    if (!users) channels.set(channel, (users = new Map<string, NodeInfos>()));
    let holders = users.get(userId);
    const isNew = holders === undefined;
    if (!holders) users.set(userId, (holders = new Map<string, unknown>()));
    holders.set(nodeId, info);
    let keys = this.byNode.get(nodeId);
    if (!keys) this.byNode.set(nodeId, (keys = new Set()));
    keys.add(entryKey(appId, channel, userId));
    return isNew;
  }

  /** Removes `nodeId`'s hold; returns true if no other node holds the user any more. */
  remove(nodeId: string, appId: string, channel: string, userId: string): boolean {
    const users = this.apps.get(appId)?.get(channel);
    const holders = users?.get(userId);
    if (!holders?.delete(nodeId)) return false;
    this.byNode.get(nodeId)?.delete(entryKey(appId, channel, userId));
    if (holders.size > 0) return false;
    users!.delete(userId);
    if (users!.size === 0) this.apps.get(appId)!.delete(channel);
    return true;
  }

  /** Every entry a node holds (for node death and resynchronisation). */
  entriesOf(nodeId: string): PresenceEntry[] {
    const result: PresenceEntry[] = [];
    for (const key of this.byNode.get(nodeId) ?? []) {
      const [appId, channel, userId] = JSON.parse(key) as [string, string, string];
      const info = this.apps.get(appId)?.get(channel)?.get(userId)?.get(nodeId);
      result.push([appId, channel, userId, info]);
    }
    return result;
  }

  forgetNode(nodeId: string): void {
    this.byNode.delete(nodeId);
  }

  has(appId: string, channel: string, userId: string): boolean {
    return this.apps.get(appId)?.get(channel)?.has(userId) ?? false;
  }

  /** Users on the channel held by other nodes, with the info of one holder. */
  *members(appId: string, channel: string): IterableIterator<[string, unknown]> {
    const users = this.apps.get(appId)?.get(channel);
    if (!users) return;
    for (const [userId, holders] of users) yield [userId, holders.values().next().value];
  }

  /** Presence channels of the app with remote members. */
  channels(appId: string): IterableIterator<string> {
    return (this.apps.get(appId) ?? new Map<string, never>()).keys();
  }
}

// JSON keeps any character in ids unambiguous; only used off the hot path.
function entryKey(appId: string, channel: string, userId: string): string {
  return JSON.stringify([appId, channel, userId]);
}
