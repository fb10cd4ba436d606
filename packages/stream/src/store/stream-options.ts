// Options and state of useStream / useJsonStream, matching @laravel/stream-react and -vue.

/** A JSON request body. */
export type StreamBody = Record<string, unknown>;

/** Options of `useStream`: the same names and meanings as Laravel's. */
export interface StreamOptions<TSendBody extends StreamBody = StreamBody> {
  /**
   * Stream id, sent as `X-STREAM-ID`; components passing the same id share one request and its state.
   * @default a random id per component
   */
  id?: string;
  /**
   * Body to send when the component mounts; nothing is sent on mount without it. A stream id that
   * already has a request (another component sent it) is not sent again.
   * @default undefined
   */
  initialInput?: TSendBody;
  /**
   * Extra request headers, merged over the defaults.
   * @default undefined
   */
  headers?: Record<string, string>;
  /**
   * Sent as `X-CSRF-TOKEN`.
   * @default the content of `<meta name="csrf-token">`, read when sending
   */
  csrfToken?: string;
  /**
   * Parse the whole response as JSON when it ends, into `jsonData`.
   * @default false
   */
  json?: boolean;
  /**
   * Fetch credentials mode.
   * @default 'same-origin'
   */
  credentials?: RequestCredentials;
  /** Called with the response once its status is 2xx, before any data. */
  onResponse?: (response: Response) => void;
  /** Called with each decoded chunk of text. */
  onData?: (data: string) => void;
  /** Called when a running stream is cancelled (by `cancel`, a new `send`, or page unload). */
  onCancel?: () => void;
  /** Called when a stream ends, normally or with an error; not after a cancel. */
  onFinish?: () => void;
  /** Called with a `StreamError` (HTTP status, invalid JSON) or a network error. */
  onError?: (error: Error) => void;
  /** Called with the request before it is sent: return `false` to skip it, or a new `RequestInit`. */
  onBeforeSend?: (request: RequestInit) => boolean | RequestInit | void;
}

/** The state a `useStream` component renders. */
export interface StreamSnapshot<TJsonData = unknown> {
  /** All text received so far. */
  data: string;
  /** The response parsed as JSON once it ended (with `json: true`), else `null`. */
  jsonData: TJsonData | null;
  /** The request is sent and no response has arrived yet. */
  isFetching: boolean;
  /** The response is arriving. */
  isStreaming: boolean;
}

/** Request header names the stream hooks send. */
export const StreamHeader = Object.freeze({
  StreamId: 'X-STREAM-ID',
  CsrfToken: 'X-CSRF-TOKEN',
});

/** Default values of {@link StreamOptions}. */
export const streamOptionDefaults = Object.freeze({
  json: false,
  credentials: 'same-origin',
});

/** The state of a stream nobody has sent yet. */
export const idleStreamSnapshot: StreamSnapshot<never> = Object.freeze({
  data: '',
  jsonData: null,
  isFetching: false,
  isStreaming: false,
});
