// AppSnapshot: every valid app of one read of the table, indexed by id and by key.
import type { App } from '@herald/protocol';
import { AppTableError } from './app-table-error';
import { appFromRow, type AppRow } from './app-row';

/** One read of the table. A key or id it lacks is unknown until the next read. */
export interface AppSnapshot {
  readonly byId: ReadonlyMap<string, App>;
  readonly byKey: ReadonlyMap<string, App>;
  readonly all: readonly App[];
}

/**
 * Indexes rows, skipping any that `defineApp` refuses (or whose key repeats, in a table made
 * without the UNIQUE constraint) and passing each one to `reject`.
 */
export function buildSnapshot(
  rows: readonly unknown[],
  reject: (error: AppTableError) => void,
): AppSnapshot {
  const byId = new Map<string, App>();
  const byKey = new Map<string, App>();
  for (const row of rows) {
    const id = String((row as AppRow).id);
    let app: App;
    try {
      app = appFromRow(row as AppRow);
    } catch (cause) {
      reject(
        new AppTableError('invalid-row', `skipped app row "${id}": ${(cause as Error).message}`, {
          cause,
          appId: id,
        }),
      );
      continue;
    }
    if (byId.has(app.id) || byKey.has(app.key)) {
      reject(
        new AppTableError(
          'invalid-row',
          `skipped app row "${id}": its id or key is already taken`,
          {
            appId: id,
          },
        ),
      );
      continue;
    }
    byId.set(app.id, app);
    byKey.set(app.key, app);
  }
  return { byId, byKey, all: Object.freeze([...byId.values()]) };
}
