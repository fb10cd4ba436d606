// ChannelRegistry: the channels of one app that have subscribers on this node.
import { Channel } from './channel';

/** Creates channels on first subscribe and forgets them when the last subscriber leaves. */
export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();

  get(name: string): Channel | undefined {
    return this.channels.get(name);
  }

  getOrCreate(name: string): { channel: Channel; created: boolean } {
    const existing = this.channels.get(name);
    if (existing) return { channel: existing, created: false };
    const channel = new Channel(name);
    this.channels.set(name, channel);
    return { channel, created: true };
  }

  /** Drops the channel if nobody is subscribed; returns whether it was dropped. */
  releaseIfEmpty(channel: Channel): boolean {
    if (channel.isOccupied) return false;
    return this.channels.delete(channel.name);
  }

  values(): IterableIterator<Channel> {
    return this.channels.values();
  }

  get size(): number {
    return this.channels.size;
  }
}
