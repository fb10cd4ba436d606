// RemoteOccupancy: which other nodes have subscribers on which channels, replicated like presence.

/**
 * For each app and channel, the other nodes with at least one subscriber. Only 0 ↔ 1 transitions
 * cross the bus, so this costs one message per channel occupied or vacated on a node, not per
 * subscription.
 */
export class RemoteOccupancy {
  private readonly apps = new Map<string, Map<string, Set<string>>>();
  /** Channels per node as `appId\0channel`, so a dead node's channels are found without a scan. */
  private readonly byNode = new Map<string, Set<string>>();

  /** Records that `nodeId` holds the channel; returns true if no other node held it before. */
  add(nodeId: string, appId: string, channel: string): boolean {
    let channels = this.apps.get(appId);
    if (!channels) this.apps.set(appId, (channels = new Map<string, Set<string>>()));
    let holders = channels.get(channel);
    const isFirst = holders === undefined;
    if (!holders) channels.set(channel, (holders = new Set<string>()));
    holders.add(nodeId);
    let keys = this.byNode.get(nodeId);
    if (!keys) this.byNode.set(nodeId, (keys = new Set()));
    keys.add(appId + '\0' + channel);
    return isFirst;
  }

  /** Removes `nodeId`'s hold; returns true if it was the last node holding the channel. */
  remove(nodeId: string, appId: string, channel: string): boolean {
    const channels = this.apps.get(appId);
    const holders = channels?.get(channel);
    if (!holders?.delete(nodeId)) return false;
    this.byNode.get(nodeId)?.delete(appId + '\0' + channel);
    if (holders.size > 0) return false;
    channels!.delete(channel);
    return true;
  }

  isHeld(appId: string, channel: string): boolean {
    return this.apps.get(appId)?.has(channel) ?? false;
  }

  /** Every `[appId, channel]` a node holds. */
  entriesOf(nodeId: string): Array<[string, string]> {
    const result: Array<[string, string]> = [];
    for (const key of this.byNode.get(nodeId) ?? []) {
      const cut = key.indexOf('\0');
      result.push([key.slice(0, cut), key.slice(cut + 1)]);
    }
    return result;
  }

  forgetNode(nodeId: string): void {
    this.byNode.delete(nodeId);
  }
}
