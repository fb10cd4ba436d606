// AppProvider seam: where the core finds apps (static config today, a database later).
import type { App } from '../apps/app';

/**
 * Looks up apps. Implementations may cache; the core calls `findByKey` once per connection and
 * `findById` once per HTTP API request, and never mutates the returned objects.
 */
export interface AppProvider {
  findById(id: string): Promise<App | undefined>;
  findByKey(key: string): Promise<App | undefined>;
  all(): Promise<readonly App[]>;
}
