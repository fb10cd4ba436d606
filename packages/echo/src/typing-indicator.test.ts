import { describe, expect, it } from 'vitest';
import { ManualClock } from '../test/manual-clock';
import type { ChannelLease } from './channel-lease';
import { createTypingIndicator, type TypingIndicator } from './typing-indicator';

/** Two clients on one in-memory channel: a whisper from one reaches the other's whisper listeners. */
function room() {
  const sent: { from: string; data: unknown }[] = [];
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const releases: string[] = [];
  const leaseFor = (who: string) => (): ChannelLease =>
    ({
      name: 'private-chat',
      roster: undefined,
      listenForWhisper(_event: string, fn: (payload: unknown) => void) {
        listeners.set(who, [...(listeners.get(who) ?? []), fn]);
      },
      whisper(_event: string, data: unknown) {
        sent.push({ from: who, data });
        for (const [other, fns] of listeners) if (other !== who) for (const fn of fns) fn(data);
        return 'sent';
      },
      release() {
        releases.push(who);
        listeners.delete(who);
      },
    }) as unknown as ChannelLease;
  return { sent, releases, leaseFor };
}

function pair(clock: ManualClock) {
  const r = room();
  const alice = createTypingIndicator(r.leaseFor('alice'), () => undefined, {
    user: { id: 'alice', info: 'A' },
    clock,
  });
  const bob = createTypingIndicator(r.leaseFor('bob'), () => undefined, {
    user: { id: 'bob' },
    clock,
  });
  const stops = [alice.subscribe(() => {}), bob.subscribe(() => {})];
  return { ...r, alice, bob, stops };
}

const typingIds = (indicator: TypingIndicator) => indicator.getSnapshot().typing.map((m) => m.id);

describe('TypingIndicator', () => {
  it('whispers once per throttle window while keys keep coming', () => {
    const clock = new ManualClock();
    const { alice, sent } = pair(clock);
    for (let i = 0; i < 10; i += 1) {
      alice.typing();
      clock.advance(150);
    }
    // 10 keystrokes over 1.5 s with a 1 s throttle: at 0 and at 1050.
    expect(sent.map((s) => s.data)).toEqual([
      { id: 'alice', info: 'A', typing: true },
      { id: 'alice', info: 'A', typing: true },
    ]);
  });

  it('shows the typer to the others, with its info, and not to itself', () => {
    const clock = new ManualClock();
    const { alice, bob } = pair(clock);
    alice.typing();
    expect(bob.getSnapshot().typing).toEqual([{ id: 'alice', info: 'A' }]);
    expect(alice.getSnapshot()).toEqual({ typing: [], isTyping: true });
  });

  it('stops by itself after idleMs of silence and tells the others', () => {
    const clock = new ManualClock();
    const { alice, bob, sent } = pair(clock);
    alice.typing();
    clock.advance(2999);
    expect(alice.getSnapshot().isTyping).toBe(true);
    clock.advance(1);
    expect(alice.getSnapshot().isTyping).toBe(false);
    expect(sent.at(-1)?.data).toEqual({ id: 'alice', info: 'A', typing: false });
    expect(typingIds(bob)).toEqual([]);
  });

  it('stop() tells the others at once and a later keystroke whispers again at once', () => {
    const clock = new ManualClock();
    const { alice, bob, sent } = pair(clock);
    alice.typing();
    alice.stop();
    expect(typingIds(bob)).toEqual([]);
    alice.typing();
    expect(sent.map((s) => (s.data as { typing: boolean }).typing)).toEqual([true, false, true]);
    expect(typingIds(bob)).toEqual(['alice']);
  });

  it('tells the others it stopped when its last subscriber leaves mid-typing', () => {
    const clock = new ManualClock();
    const { alice, bob, stops, sent } = pair(clock);
    alice.typing();
    expect(typingIds(bob)).toEqual(['alice']);
    stops[0]!();
    expect(typingIds(bob)).toEqual([]);
    expect(sent.at(-1)?.data).toEqual({ id: 'alice', info: 'A', typing: false });
  });

  it('expires a silent typer on the receiving side after idleMs', () => {
    const clock = new ManualClock();
    const r = room();
    const bob = createTypingIndicator(r.leaseFor('bob'), () => undefined, {
      user: { id: 'bob' },
      clock,
    });
    bob.subscribe(() => {});
    const ghost = r.leaseFor('ghost')();
    ghost.whisper('typing', { id: 'ghost', info: null, typing: true });
    expect(typingIds(bob)).toEqual(['ghost']);
    clock.advance(3000);
    expect(typingIds(bob)).toEqual([]);
  });

  it('holds the channel only while subscribed, and sends nothing when not', () => {
    const clock = new ManualClock();
    const { alice, sent, releases, stops } = pair(clock);
    stops[0]!();
    expect(releases).toEqual(['alice']);
    alice.typing();
    expect(sent).toEqual([]);
  });
});
