// AppTableError: what the Postgres provider reports through `onError`, each with a stable code.

/**
 * Why the provider reported an error:
 * - `invalid-row`: a row could not become an App (it is skipped; the other apps are served).
 * - `load-failed`: reading the table failed; the last apps read are served meanwhile, if any.
 * - `connection-error`: an idle connection of the provider's own pool, or the LISTEN connection,
 *   failed; the next read reconnects, the listener retries after `retryAfterMs`.
 */
export type AppTableErrorCode = 'invalid-row' | 'load-failed' | 'connection-error';

/** An error reported by the Postgres app provider; never thrown into a lookup except `load-failed`. */
export class AppTableError extends Error {
  override readonly name = 'AppTableError';

  constructor(
    readonly code: AppTableErrorCode,
    message: string,
    options: { cause?: unknown; appId?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.appId = options.appId;
  }

  /** The row's id, for `invalid-row`. */
  readonly appId: string | undefined;
}
