// The app's view of its devices: who a bearer token is, who is online, and each device's recent
// output (so a page that reconnects can catch up). In memory, as the example has no database.
import { timingSafeEqual } from 'node:crypto';
import type { DeviceMessage, DeviceView, MessageBatch } from './relay-wire';

/** A device the app knows, with the token it authenticates with. */
export interface DeviceAccount {
  id: string;
  name: string;
  token: string;
}

/** The demo's devices; a real app keeps hashed tokens in its database. */
export const DEMO_DEVICES: readonly DeviceAccount[] = Object.freeze([
  { id: 'press-1', name: 'Press 1', token: 'demo-token-press-1' },
  { id: 'press-2', name: 'Press 2', token: 'demo-token-press-2' },
]);

/** How many lines of output per device the app keeps for catch-up. */
export const KEPT_MESSAGES = 500;

interface DeviceState {
  account: DeviceAccount;
  lastSeenAt: number | null;
  isOnline: boolean;
  run: string | null;
  lastSeq: number;
  droppedCount: number;
  recent: DeviceMessage[];
}

/** What accepting a batch did: the messages not seen before (retries can repeat a batch). */
export interface AcceptedBatch {
  fresh: DeviceMessage[];
  isNewRun: boolean;
}

/** The devices, their online state and recent output. */
export class DeviceRegistry {
  readonly #devices = new Map<string, DeviceState>();

  constructor(accounts: readonly DeviceAccount[]) {
    for (const account of accounts) {
      this.#devices.set(account.id, {
        account,
        lastSeenAt: null,
        isOnline: false,
        run: null,
        lastSeq: 0,
        droppedCount: 0,
        recent: [],
      });
    }
  }

  /** The device whose token this `Authorization` header carries, or `undefined`. */
  deviceOf(authorization: string | null | undefined): DeviceAccount | undefined {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (token === undefined) return undefined;
    for (const { account } of this.#devices.values()) {
      if (sameSecret(account.token, token)) return account;
    }
    return undefined;
  }

  /** Whether `deviceId` is one of the app's devices. */
  has(deviceId: string): boolean {
    return this.#devices.has(deviceId);
  }

  /** Marks the device heard from; `true` when that brought it online. */
  seen(deviceId: string, now: number): boolean {
    const state = this.#state(deviceId);
    state.lastSeenAt = now;
    const cameOnline = !state.isOnline;
    state.isOnline = true;
    return cameOnline;
  }

  /** Marks the device offline; `true` when it was online. */
  gone(deviceId: string): boolean {
    const state = this.#state(deviceId);
    const wasOnline = state.isOnline;
    state.isOnline = false;
    return wasOnline;
  }

  /** The online devices not heard from since `before`, marked offline now. */
  sweep(before: number): string[] {
    const silent: string[] = [];
    for (const [id, state] of this.#devices) {
      if (state.isOnline && (state.lastSeenAt ?? 0) < before) {
        state.isOnline = false;
        silent.push(id);
      }
    }
    return silent;
  }

  /**
   * Keeps a batch's messages. A retried batch (its answer was lost) repeats messages already kept:
   * only those past the run's last `seq` are fresh. A new run starts counting again.
   */
  accept(deviceId: string, batch: MessageBatch): AcceptedBatch {
    const state = this.#state(deviceId);
    const isNewRun = state.run !== batch.run;
    if (isNewRun) {
      state.run = batch.run;
      state.lastSeq = 0;
      state.recent = [];
    }
    const fresh = batch.messages.filter((message) => message.seq > state.lastSeq);
    state.lastSeq = fresh.at(-1)?.seq ?? state.lastSeq;
    state.droppedCount = batch.droppedCount;
    state.recent.push(...fresh);
    state.recent.splice(0, Math.max(0, state.recent.length - KEPT_MESSAGES));
    return { fresh, isNewRun };
  }

  /** The device as the page shows it. */
  view(deviceId: string): DeviceView {
    const { account, isOnline, lastSeenAt, run, droppedCount } = this.#state(deviceId);
    return { id: account.id, name: account.name, isOnline, lastSeenAt, run, droppedCount };
  }

  /** Every device with its recent output, for the page's catch-up. */
  snapshot(): (DeviceView & { recent: DeviceMessage[] })[] {
    return [...this.#devices.keys()].map((id) => ({
      ...this.view(id),
      recent: [...this.#state(id).recent],
    }));
  }

  #state(deviceId: string): DeviceState {
    const state = this.#devices.get(deviceId);
    if (state === undefined) throw new TypeError(`No device ${deviceId}: check has() first`);
    return state;
  }
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
