// The messages nodes exchange on the bus, and their defensive decoding.

/** Every message carries its sender's node id `n`. Field names are short: they cross the bus often. */
export type ClusterMessage =
  /** Heartbeat: presence version and connections per app. */
  | { t: 'hb'; n: string; v: number; c: Record<string, number> }
  /** An HTTP API event to fan out (`x` = socket id to skip). */
  | { t: 'ev'; n: string; a: string; ch: string[]; e: string; d: string; x?: string }
  /** A client event to relay (`d` is the client's raw data value). */
  | { t: 'ce'; n: string; a: string; ch: string; e: string; d: unknown; u?: string; x: string }
  /** Presence join / leave of this node's first / last socket of a user. */
  | { t: 'pj'; n: string; v: number; a: string; ch: string; u: string; i: unknown }
  | { t: 'pl'; n: string; v: number; a: string; ch: string; u: string }
  /** This node's first subscriber joined / last one left a channel (same version stream as presence). */
  | { t: 'oc'; n: string; v: number; a: string; ch: string }
  | { t: 'va'; n: string; v: number; a: string; ch: string }
  /**
   * Full snapshot of the sender: presence members `m` and occupied channels `o` (`[app, channel]`);
   * `w` asks the receiver to answer with its own.
   */
  | {
      t: 'sync';
      n: string;
      v: number;
      m: Array<[string, string, string, unknown]>;
      o?: Array<[string, string]>;
      w: boolean;
    }
  /** Close every socket of a user. */
  | { t: 'term'; n: string; a: string; u: string }
  /** Gather request and response. */
  | { t: 'req'; n: string; id: number; a: string; q: GatherQuery }
  | { t: 'res'; n: string; id: number; r: unknown };

/** Questions one node asks all others. */
export type GatherQuery = { kind: 'channels'; prefix: string } | { kind: 'channel'; name: string };

/**
 * Parses a bus payload. Returns `undefined` for anything malformed: a bad payload (another
 * version, a stray publisher on the topic) is dropped, never allowed to throw in the core.
 */
export function decodeClusterMessage(payload: string): ClusterMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as { t?: unknown; n?: unknown };
  if (typeof message.t !== 'string' || typeof message.n !== 'string') return undefined;
  return isWellFormed(value as ClusterMessage) ? (value as ClusterMessage) : undefined;
}

function isWellFormed(m: ClusterMessage): boolean {
  switch (m.t) {
    case 'hb':
      return typeof m.v === 'number' && typeof m.c === 'object' && m.c !== null;
    case 'ev':
      return (
        typeof m.a === 'string' &&
        Array.isArray(m.ch) &&
        typeof m.e === 'string' &&
        typeof m.d === 'string'
      );
    case 'ce':
      return (
        typeof m.a === 'string' &&
        typeof m.ch === 'string' &&
        typeof m.e === 'string' &&
        typeof m.x === 'string'
      );
    case 'oc':
    case 'va':
      return typeof m.v === 'number' && typeof m.a === 'string' && typeof m.ch === 'string';
    case 'pj':
    case 'pl':
      return (
        typeof m.v === 'number' &&
        typeof m.a === 'string' &&
        typeof m.ch === 'string' &&
        typeof m.u === 'string'
      );
    case 'sync':
      return (
        typeof m.v === 'number' && Array.isArray(m.m) && (m.o === undefined || Array.isArray(m.o))
      );
    case 'term':
      return typeof m.a === 'string' && typeof m.u === 'string';
    case 'req':
      return (
        typeof m.id === 'number' &&
        typeof m.a === 'string' &&
        typeof m.q === 'object' &&
        m.q !== null
      );
    case 'res':
      return typeof m.id === 'number';
    default:
      return false;
  }
}
