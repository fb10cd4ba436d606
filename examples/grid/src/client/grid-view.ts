// The page's picture of the grid: what the server confirmed, plus this tab's clicks still in flight.
// Pure functions over immutable values, so Vue re-renders on each new value and tests need no DOM.
import { MAX_CLICKS } from '../grid-rules';
import type { CellState, GridSnapshot, RoundCompleted } from '../grid-wire';

/** One picture of the grid. */
export interface GridView {
  readonly size: number;
  /** Confirmed clicks per cell. */
  readonly clicks: readonly number[];
  /** The version each cell's confirmed clicks are from: older news about the cell is ignored. */
  readonly versions: readonly number[];
  /** This tab's clicks per cell sent but not yet answered: shown at once, undone if refused. */
  readonly pending: readonly number[];
  readonly round: number;
}

/** The first picture, from `GET /grid`. */
export function viewOf(snapshot: GridSnapshot): GridView {
  const cells = snapshot.size * snapshot.size;
  return {
    size: snapshot.size,
    clicks: [...snapshot.clicks],
    versions: new Array<number>(cells).fill(snapshot.version),
    pending: new Array<number>(cells).fill(0),
    round: snapshot.round,
  };
}

/**
 * Takes a fresh `GET /grid` (after a reconnect, say). A cell keeps what it has when a broadcast
 * newer than the snapshot already reached it.
 */
export function withSnapshot(view: GridView, snapshot: GridSnapshot): GridView {
  const clicks = [...view.clicks];
  const versions = [...view.versions];
  for (let i = 0; i < clicks.length; i += 1) {
    if (versions[i]! > snapshot.version) continue;
    clicks[i] = snapshot.clicks[i] ?? 0;
    versions[i] = snapshot.version;
  }
  return { ...view, clicks, versions, round: Math.max(view.round, snapshot.round) };
}

/** Takes the server's word on one cell, unless the view already knows a newer one. */
export function withCell(view: GridView, cell: CellState): GridView {
  if (
    cell.index < 0 ||
    cell.index >= view.clicks.length ||
    view.versions[cell.index]! >= cell.version
  )
    return view;
  return {
    ...view,
    clicks: replaceAt(view.clicks, cell.index, cell.clicks),
    versions: replaceAt(view.versions, cell.index, cell.version),
  };
}

/** The grid filled up and was cleared at `completed.version`: every older cell starts over. */
export function withCompleted(view: GridView, completed: RoundCompleted): GridView {
  const clicks = view.clicks.map((n, i) => (view.versions[i]! < completed.version ? 0 : n));
  const versions = view.versions.map((v) => Math.max(v, completed.version));
  return { ...view, clicks, versions, round: Math.max(view.round, completed.round) };
}

/** Counts one more (`+1`, on click) or one fewer (`-1`, once answered) click in flight on `index`. */
export function withPending(view: GridView, index: number, delta: 1 | -1): GridView {
  return {
    ...view,
    pending: replaceAt(view.pending, index, Math.max(0, view.pending[index]! + delta)),
  };
}

/** The clicks cell `index` shows: confirmed plus in flight, never past the last stage. */
export function shownClicks(view: GridView, index: number): number {
  return Math.min(MAX_CLICKS, view.clicks[index]! + view.pending[index]!);
}

function replaceAt(values: readonly number[], index: number, value: number): number[] {
  const copy = [...values];
  copy[index] = value;
  return copy;
}
