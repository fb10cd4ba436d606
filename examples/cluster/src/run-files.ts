// Where `pnpm start` leaves the node processes' ids for `pnpm kill-node`.
import { fileURLToPath } from 'node:url';

export const RUN_DIR = fileURLToPath(new URL('../.run/', import.meta.url));
export const PIDS_FILE = `${RUN_DIR}nodes.json`;

/** A node as `pnpm start` wrote it down. */
export interface NodeRecord {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
}
