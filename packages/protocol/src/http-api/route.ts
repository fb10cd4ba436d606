// Route: one endpoint of the HTTP API, matched by method and path pattern.
import type { App } from '../apps/app';
import type { HttpResponse } from '../contracts/http-api';
import type { ServerContext } from '../server-context';
import type { ChannelQueries } from './channel-queries';
import type { RateKind } from './rate-limiter';

/** What a signed, parsed request gives a route. */
export interface RouteContext {
  readonly ctx: ServerContext;
  readonly app: App;
  readonly queries: ChannelQueries;
  /** Query parameters, raw values. */
  readonly params: Map<string, string>;
  /** Capture groups of the pattern after the app id, URL-decoded. */
  readonly pathParams: readonly string[];
  /** The parsed JSON body (`undefined` for an empty body). */
  readonly body: unknown;
}

/** An endpoint under `/apps/{id}/…`; the first capture group of `pattern` is the app id. */
export interface Route {
  readonly method: 'GET' | 'POST';
  /** Which rate budget the route spends, and how much a request costs (events in a batch). */
  readonly rate: { kind: RateKind; cost(body: unknown): number };
  readonly pattern: RegExp;
  handle(request: RouteContext): Promise<HttpResponse>;
}
