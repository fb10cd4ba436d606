// StaticAppProvider: apps from config, indexed by id and by key.
import type { AppProvider } from '../contracts/app-provider';
import { defineApp, type App, type AppConfig } from './app';

/** Serves a fixed list of apps. Rejects duplicate ids or keys up front. */
export class StaticAppProvider implements AppProvider {
  private readonly byId = new Map<string, App>();
  private readonly byKey = new Map<string, App>();

  constructor(apps: readonly (App | AppConfig)[]) {
    for (const config of apps) {
      const app = 'limits' in config && isResolved(config) ? config : defineApp(config);
      if (this.byId.has(app.id)) throw new TypeError(`duplicate app id "${app.id}"`);
      if (this.byKey.has(app.key)) throw new TypeError(`duplicate app key "${app.key}"`);
      this.byId.set(app.id, app);
      this.byKey.set(app.key, app);
    }
  }

  findById(id: string): Promise<App | undefined> {
    return Promise.resolve(this.byId.get(id));
  }

  findByKey(key: string): Promise<App | undefined> {
    return Promise.resolve(this.byKey.get(key));
  }

  all(): Promise<readonly App[]> {
    return Promise.resolve([...this.byId.values()]);
  }
}

function isResolved(config: App | AppConfig): config is App {
  return (
    Object.isFrozen(config) && config.enabled !== undefined && config.clientEvents !== undefined
  );
}
