import { describe, expect, it } from 'vitest';
import {
  shownClicks,
  viewOf,
  withCell,
  withCompleted,
  withPending,
  withSnapshot,
} from './grid-view';

const empty = viewOf({ size: 3, clicks: new Array<number>(9).fill(0), version: 10, round: 0 });

describe('GridView', () => {
  it('shows a click in flight at once and forgets it once answered', () => {
    const clicked = withPending(empty, 0, 1);
    expect(shownClicks(clicked, 0)).toBe(1);
    const refused = withPending(clicked, 0, -1);
    expect(shownClicks(refused, 0)).toBe(0);
    const accepted = withCell(withPending(clicked, 0, -1), { index: 0, clicks: 1, version: 11 });
    expect(shownClicks(accepted, 0)).toBe(1);
  });

  it('ignores news about a cell older than what it shows', () => {
    const newer = withCell(empty, { index: 2, clicks: 3, version: 14 });
    expect(withCell(newer, { index: 2, clicks: 2, version: 13 })).toBe(newer);
    expect(shownClicks(withCell(newer, { index: 2, clicks: 4, version: 15 }), 2)).toBe(4);
  });

  it('keeps a cell a broadcast updated after the snapshot was taken', () => {
    const heard = withCell(empty, { index: 1, clicks: 2, version: 13 });
    const refetched = withSnapshot(heard, {
      size: 3,
      clicks: [1, 1, 0, 0, 0, 0, 0, 0, 0],
      version: 12,
      round: 0,
    });
    expect(shownClicks(refetched, 0)).toBe(1);
    expect(shownClicks(refetched, 1)).toBe(2);
  });

  it('clears every cell older than the completion, and counts the round', () => {
    const full = withCell(withCell(empty, { index: 0, clicks: 6, version: 20 }), {
      index: 1,
      clicks: 1,
      version: 22,
    });
    const cleared = withCompleted(full, { round: 1, version: 21 });
    expect([shownClicks(cleared, 0), shownClicks(cleared, 1)]).toEqual([0, 1]);
    expect(cleared.round).toBe(1);
  });

  it('never shows more than the last stage', () => {
    let view = withCell(empty, { index: 0, clicks: 6, version: 11 });
    view = withPending(view, 0, 1);
    expect(shownClicks(view, 0)).toBe(6);
  });
});
