// ClusterBus conformance suite: written once, run against the in-memory hub, Redis and NATS.
// It lives here (not in @herald/protocol/testing, its natural home) until the core's owners move it;
// @herald/nats imports it by relative path so there is one copy that cannot drift.
import { randomUUID } from 'node:crypto';
import type { BusStatus, ClusterBus } from '@herald/protocol';
import { afterEach, describe, expect, it } from 'vitest';

/** Buses sharing one broker and one fresh prefix (or hub), so suites can run in parallel. */
export interface BusCluster {
  /** A new node's bus, connected; the suite closes it after the test. */
  connect(): Promise<ClusterBus>;
}

/** A cluster on a private broker that the test may stop (crash) and start again. */
export interface FaultyCluster extends BusCluster {
  stopBroker(): Promise<void>;
  startBroker(): Promise<void>;
}

/** What a backend provides to run the suite. `defer` registers cleanup run after each test. */
export interface BusHarness {
  cluster(defer: Defer): BusCluster;
  faultyCluster(defer: Defer): Promise<FaultyCluster>;
}

export type Defer = (cleanup: () => Promise<void> | void) => void;

const WAIT_MS = 10_000;
const FAULT_TEST_MS = 30_000;

/** Payloads received on one topic, with a bounded wait for the next ones. */
class Inbox {
  readonly payloads: string[] = [];
  private waiters: Array<() => void> = [];

  constructor(private readonly topic: string) {}

  readonly push = (payload: string): void => {
    this.payloads.push(payload);
    for (const wake of this.waiters) wake();
  };

  /** Resolves once `count` payloads arrived; rejects after a bound, saying how many did. */
  until(count: number): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.payloads.length < count) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(this.payloads);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(
          new Error(`${this.payloads.length} of ${count} payloads arrived on "${this.topic}"`),
        );
      }, WAIT_MS);
      this.waiters.push(check);
      check();
    });
  }
}

async function inbox(bus: ClusterBus, topic: string): Promise<Inbox> {
  const box = new Inbox(topic);
  await bus.subscribe(topic, box.push);
  return box;
}

/** Every status a bus reports, with a bounded wait for the next one. */
function statusLog(bus: ClusterBus): { seen: BusStatus[]; next(status: BusStatus): Promise<void> } {
  const seen: BusStatus[] = [];
  let waiters: Array<() => void> = [];
  if (!bus.onStatusChange) throw new Error('this bus does not implement onStatusChange');
  bus.onStatusChange((status) => {
    seen.push(status);
    for (const wake of waiters) wake();
  });
  const next = (status: BusStatus): Promise<void> => {
    const from = seen.length;
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!seen.slice(from).includes(status)) return;
        clearTimeout(timer);
        waiters = waiters.filter((w) => w !== check);
        resolve();
      };
      const timer = setTimeout(
        () => reject(new Error(`no "${status}" within ${WAIT_MS} ms (seen: ${seen.join(', ')})`)),
        WAIT_MS,
      );
      waiters.push(check);
    });
  };
  return { seen, next };
}

/** Whether a promise settles within `ms`: the difference between "rejects at once" and "queues". */
function settlesWithin(
  promise: Promise<unknown>,
  ms: number,
): Promise<'resolved' | 'rejected' | 'pending'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('pending'), ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve('resolved');
      },
      () => {
        clearTimeout(timer);
        resolve('rejected');
      },
    );
  });
}

/**
 * Publishes `payload` and waits until the publisher hears its own copy: the broker has then fanned
 * it out to every subscriber, so a later payload on the receiving side proves this one is not coming.
 */
async function publishAndSettle(bus: ClusterBus, topic: string, payload: string): Promise<void> {
  const own = await inbox(bus, topic);
  await bus.publish(topic, payload);
  await own.until(1);
}

/** Registers the conformance tests for one backend. */
export function describeBusConformance(name: string, harness: BusHarness): void {
  describe(`ClusterBus conformance: ${name}`, () => {
    let cleanups: Array<() => Promise<void> | void> = [];
    const defer: Defer = (cleanup) => void cleanups.push(cleanup);
    afterEach(async () => {
      const list = cleanups.reverse();
      cleanups = [];
      for (const cleanup of list) await cleanup();
    });

    it('delivers a payload published on one bus to a subscriber on another', async () => {
      const cluster = harness.cluster(defer);
      const [a, b] = [await cluster.connect(), await cluster.connect()];
      const box = await inbox(b, 'events');
      await a.publish('events', '{"n":1}');
      expect(await box.until(1)).toEqual(['{"n":1}']);
    });

    it('delivers a payload to the publishing bus itself', async () => {
      const cluster = harness.cluster(defer);
      const a = await cluster.connect();
      const box = await inbox(a, 'events');
      await a.publish('events', 'self');
      expect(await box.until(1)).toEqual(['self']);
    });

    it('delivers each payload once to every subscriber of the topic', async () => {
      const cluster = harness.cluster(defer);
      const [a, b] = [await cluster.connect(), await cluster.connect()];
      const [first, second, other] = [
        await inbox(b, 't'),
        await inbox(b, 't'),
        await inbox(a, 't'),
      ];
      await a.publish('t', 'one');
      await a.publish('t', 'marker');
      await Promise.all([first.until(2), second.until(2), other.until(2)]);
      for (const box of [first, second, other]) expect(box.payloads).toEqual(['one', 'marker']);
    });

    it('keeps the order of 1,000 payloads from each publisher', async () => {
      const cluster = harness.cluster(defer);
      const [a, b, c] = [await cluster.connect(), await cluster.connect(), await cluster.connect()];
      const box = await inbox(c, 'ordered');
      const count = 1_000;
      const sends: Array<Promise<void>> = [];
      for (let i = 0; i < count; i++) {
        sends.push(a.publish('ordered', `a:${i}`), b.publish('ordered', `b:${i}`));
      }
      await Promise.all(sends);
      const received = await box.until(2 * count);
      const expected = Array.from({ length: count }, (_, i) => i);
      const from = (who: string): number[] =>
        received.filter((p) => p.startsWith(`${who}:`)).map((p) => Number(p.slice(2)));
      expect(from('a')).toEqual(expected);
      expect(from('b')).toEqual(expected);
    });

    it('keeps topics apart, including names with dots, wildcards, spaces and non-ASCII', async () => {
      const cluster = harness.cluster(defer);
      const [a, b] = [await cluster.connect(), await cluster.connect()];
      const topics = ['x.y', 'x_y', 'x y', 'x*', 'x>', 'x:y', 'x%2E', 'x.', 'é', 'x'];
      const boxes = await Promise.all(topics.map((topic) => inbox(b, topic)));
      for (const topic of topics) await a.publish(topic, `to ${topic}`);
      for (const topic of topics) await a.publish(topic, 'marker');
      await Promise.all(boxes.map((box) => box.until(2)));
      boxes.forEach((box, i) => expect(box.payloads).toEqual([`to ${topics[i]}`, 'marker']));
    });

    it('keeps clusters with different prefixes apart on one broker', async () => {
      const [mine, theirs] = [harness.cluster(defer), harness.cluster(defer)];
      const [receiver, sender] = [await mine.connect(), await mine.connect()];
      const stranger = await theirs.connect();
      const box = await inbox(receiver, 'shared');
      await publishAndSettle(stranger, 'shared', 'stray');
      await sender.publish('shared', 'marker');
      expect(await box.until(1)).toEqual(['marker']);
    });

    it('never calls a handler after close, and refuses to publish once closed', async () => {
      const cluster = harness.cluster(defer);
      const [a, b, witness] = [
        await cluster.connect(),
        await cluster.connect(),
        await cluster.connect(),
      ];
      const box = await inbox(b, 't');
      const seen = await inbox(witness, 't');
      await b.close();
      await a.publish('t', 'after close');
      await seen.until(1);
      expect(box.payloads).toEqual([]);
      await expect(b.publish('t', 'x')).rejects.toThrow();
    });

    describe('when the broker crashes and restarts', () => {
      it(
        'rejects publish at once while the broker is down',
        async () => {
          const cluster = await harness.faultyCluster(defer);
          const a = await cluster.connect();
          const status = statusLog(a);
          const down = status.next('down');
          await cluster.stopBroker();
          await down;
          expect(await settlesWithin(a.publish('t', 'lost'), 1_000)).toBe('rejected');
        },
        FAULT_TEST_MS,
      );

      it(
        'reports down then up, and restores subscriptions on its own',
        async () => {
          const cluster = await harness.faultyCluster(defer);
          const [a, b] = [await cluster.connect(), await cluster.connect()];
          const box = await inbox(b, 'survives');
          await a.publish('survives', 'before');
          await box.until(1);
          const [statusA, statusB] = [statusLog(a), statusLog(b)];
          const downs = [statusA.next('down'), statusB.next('down')];
          await cluster.stopBroker();
          await Promise.all(downs);
          const ups = [statusA.next('up'), statusB.next('up')];
          await cluster.startBroker();
          await Promise.all(ups);
          await a.publish('survives', 'after');
          expect(await box.until(2)).toEqual(['before', 'after']);
          expect(statusB.seen[0]).toBe('down');
          expect(statusB.seen.at(-1)).toBe('up');
        },
        FAULT_TEST_MS,
      );

      it(
        'activates a subscription made while the broker is down once it is back',
        async () => {
          const cluster = await harness.faultyCluster(defer);
          const [a, b] = [await cluster.connect(), await cluster.connect()];
          const [statusA, statusB] = [statusLog(a), statusLog(b)];
          const downs = [statusA.next('down'), statusB.next('down')];
          await cluster.stopBroker();
          await Promise.all(downs);
          const box = new Inbox('late');
          const subscribed = b.subscribe('late', box.push);
          const ups = [statusA.next('up'), statusB.next('up')];
          await cluster.startBroker();
          await Promise.all([subscribed, ...ups]);
          await a.publish('late', 'hello');
          expect(await box.until(1)).toEqual(['hello']);
        },
        FAULT_TEST_MS,
      );
    });
  });
}

/** A random prefix, so parallel suites on the shared broker never hear each other. */
export function randomPrefix(): string {
  return `test-${randomUUID()}`;
}
