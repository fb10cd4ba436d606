// What the app server and the page exchange: the JSON of its routes and of its broadcasts.

/** The presence channel every viewer joins (`presence-grid` on the wire). */
export const GRID_CHANNEL = 'grid';

/** Broadcast event names, with Echo's leading dot: the event's own name, no class namespace. */
export const GridEvent = Object.freeze({
  /** A cell was clicked: {@link CellState}. */
  CellLeveled: '.cell.leveled',
  /** Every cell reached the last stage and the grid started over: {@link RoundCompleted}. */
  GridCompleted: '.grid.completed',
});

/**
 * Every change to the grid takes the next `version`, so a page can tell an old message from a new
 * one: a broadcast and a refetch may arrive in either order.
 */
export interface CellState {
  readonly index: number;
  readonly clicks: number;
  readonly version: number;
}

/** The grid was full: it was cleared at `version`, and `round` rounds have been completed. */
export interface RoundCompleted {
  readonly round: number;
  readonly version: number;
}

/** `GET /grid`. */
export interface GridSnapshot {
  readonly size: number;
  /** Clicks per cell, row by row; centre cells stay 0. */
  readonly clicks: readonly number[];
  readonly version: number;
  /** Rounds completed so far. */
  readonly round: number;
}

/** `POST /cells/{index}` answered 200: the cell, and the round it completed if it was the last. */
export interface LevelAccepted {
  readonly cell: CellState;
  readonly completed: RoundCompleted | null;
}

/** `POST /cells/{index}` refused (409 full, 429 too fast): why, and the cell as it really is. */
export interface LevelRefused {
  readonly error: string;
  readonly cell: CellState;
}
