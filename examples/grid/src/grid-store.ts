// Where the grid lives: the GridStore seam, and the in-memory store one app process uses alone.
import type { CellState, GridSnapshot, RoundCompleted } from './grid-wire';
import { MAX_CLICKS, playableCells } from './grid-rules';

/** What a click did: levelled the cell (and maybe completed the round), or nothing, as it was full. */
export type LevelOutcome =
  | {
      readonly isLeveled: true;
      readonly cell: CellState;
      readonly completed: RoundCompleted | null;
    }
  | { readonly isLeveled: false; readonly cell: CellState };

/**
 * The grid's state. `level` is atomic: two app processes clicking the last free cell at once
 * complete the round once.
 */
export interface GridStore {
  readonly size: number;
  snapshot(): Promise<GridSnapshot>;
  /** Adds a click to playable cell `index`, unless it is full; clears the grid when it fills up. */
  level(index: number): Promise<LevelOutcome>;
  close(): Promise<void>;
}

/** A grid in this process's memory: gone on restart, not shared with another process. */
export class MemoryGridStore implements GridStore {
  private readonly clicks: number[];
  private readonly goal: number;
  private version = 0;
  private round = 0;
  private fullCells = 0;

  constructor(readonly size: number) {
    this.clicks = new Array<number>(size * size).fill(0);
    this.goal = playableCells(size).length;
  }

  snapshot(): Promise<GridSnapshot> {
    return Promise.resolve({
      size: this.size,
      clicks: [...this.clicks],
      version: this.version,
      round: this.round,
    });
  }

  level(index: number): Promise<LevelOutcome> {
    const clicks = this.clicks[index] ?? 0;
    if (clicks >= MAX_CLICKS)
      return Promise.resolve({ isLeveled: false, cell: { index, clicks, version: this.version } });
    this.clicks[index] = clicks + 1;
    this.version += 1;
    const cell = { index, clicks: clicks + 1, version: this.version };
    if (cell.clicks === MAX_CLICKS) this.fullCells += 1;
    if (this.fullCells < this.goal)
      return Promise.resolve({ isLeveled: true, cell, completed: null });
    this.clicks.fill(0);
    this.fullCells = 0;
    this.round += 1;
    this.version += 1;
    return Promise.resolve({
      isLeveled: true,
      cell,
      completed: { round: this.round, version: this.version },
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
