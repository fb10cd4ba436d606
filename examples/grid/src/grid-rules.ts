// The rules of the grid, shared by the app server (which enforces them) and the page (which draws them).

/** One growth stage of a cell: reached once the cell has `clicks` clicks. */
export interface Stage {
  readonly emoji: string;
  /** What a screen reader says for the cell. */
  readonly name: string;
  /** Clicks a cell needs to show this stage. */
  readonly clicks: number;
}

/**
 * Four stages, each one click further than the last: a sprout at 0 clicks, leaves at 1, a tree at 3
 * and fruit at 6. A cell with fruit is done; when every cell is done, it rains emoji and the grid
 * starts over.
 */
export const STAGES: readonly Stage[] = Object.freeze([
  { emoji: '🌱', name: 'sprout', clicks: 0 },
  { emoji: '🌿', name: 'leaves', clicks: 1 },
  { emoji: '🌳', name: 'tree', clicks: 3 },
  { emoji: '🍎', name: 'fruit', clicks: 6 },
]);

/** Clicks that take a cell to the last stage; more are refused. */
export const MAX_CLICKS = STAGES[STAGES.length - 1]!.clicks;

/** The grid of the Laravel demo is 10×10. */
export const DEFAULT_GRID_SIZE = 10;

/** The stage a cell with `clicks` clicks shows. */
export function stageOf(clicks: number): Stage {
  let stage = STAGES[0]!;
  for (const candidate of STAGES) if (clicks >= candidate.clicks) stage = candidate;
  return stage;
}

/**
 * Whether cell `index` of a `size`×`size` grid is one of the centre cells, which show the viewer
 * count instead of an emoji: the middle 2×2 block of an even grid, the middle cell of an odd one.
 */
export function isCentre(index: number, size: number): boolean {
  const row = Math.floor(index / size);
  const column = index % size;
  const low = Math.floor((size - 1) / 2);
  const high = Math.floor(size / 2);
  return row >= low && row <= high && column >= low && column <= high;
}

/** The cells that can be clicked (all but the centre). */
export function playableCells(size: number): number[] {
  const cells: number[] = [];
  for (let index = 0; index < size * size; index += 1)
    if (!isCentre(index, size)) cells.push(index);
  return cells;
}

/** Throws a `TypeError` unless `size` is a grid size the page can draw (3 to 20). */
export function checkGridSize(size: number): number {
  if (!Number.isInteger(size) || size < 3 || size > 20) {
    throw new TypeError(`grid size must be a whole number from 3 to 20, got ${String(size)}`);
  }
  return size;
}
