// ClusterBus seam: the whole job of a scaling plugin (Redis, NATS) — moving text between nodes.

/** Connection state of a bus, as far as the plugin can tell. */
export type BusStatus = 'up' | 'down';

/**
 * A publish/subscribe transport between Herald nodes. The cluster logic (heartbeats, presence,
 * gathering answers, node death) lives in the core; a bus only moves payloads.
 *
 * Contract:
 * - `publish` hands `payload` to every node subscribed to `topic`, the publishing node included:
 *   the core delivers nothing to itself, but hearing its own heartbeat is how it knows it is not
 *   cut off (and may take silent peers for dead). Payloads from one publisher on one topic arrive
 *   in the order they were published. Delivery is at-most-once: the core reconciles after losses.
 * - `publish` resolves once the payload was handed to the bus, and rejects at once (no unbounded
 *   offline queue) when the bus is unreachable, so the core can count and log what was lost.
 * - `subscribe` resolves when the subscription is active; after a reconnect the plugin restores
 *   its subscriptions on its own. `onMessage` is never called after `close`.
 * - `onStatusChange`, when implemented, reports `down` when the connection is lost and `up` when
 *   it is back (subscriptions restored). It only makes the core faster: `down` stops peer expiry at
 *   once instead of after half the node timeout, `up` sends a heartbeat at once.
 * - Topics are plain strings chosen by the core (already namespaced with the cluster prefix);
 *   plugins may map them to their own naming (Redis channels, NATS subjects).
 * - Nothing secret is ever published: the core sends app ids, never secrets.
 */
export interface ClusterBus {
  publish(topic: string, payload: string): Promise<void>;
  subscribe(topic: string, onMessage: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
  onStatusChange?(listener: (status: BusStatus) => void): void;
}
