// useJsonStream: useStream with the response parsed as JSON once it ends.
import type { StreamBody, StreamOptions } from '@herald/stream';
import { useStream, type UseStreamResult } from './use-stream';

/** What `useJsonStream` returns: the parsed JSON as `data`, the raw text as `strData`. */
export interface UseJsonStreamResult<TJsonData, TSendBody extends StreamBody> extends Omit<
  UseStreamResult<TJsonData, TSendBody>,
  'data' | 'jsonData'
> {
  /** The response parsed as JSON once it ended, else `null`. */
  data: TJsonData | null;
  /** The raw text received so far. */
  strData: string;
}

/**
 * Like `useStream`, parsing the whole response as JSON when it ends.
 *
 * @example
 * ```tsx
 * const { data, send } = useJsonStream<{ users: User[] }>('/users');
 * ```
 */
export function useJsonStream<TJsonData = null, TSendBody extends StreamBody = StreamBody>(
  url: string,
  options: Omit<StreamOptions<TSendBody>, 'json'> = {},
): UseJsonStreamResult<TJsonData, TSendBody> {
  const { jsonData, data, ...rest } = useStream<TSendBody, TJsonData>(url, {
    ...options,
    json: true,
  });
  return { data: jsonData, strData: data, ...rest };
}
