// Server rendering: the hooks render their initial state without document, window or a request.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useEventStream, useJsonStream, useStream } from '../src/index';
import { startServer } from './helpers/server';

function Page({ url }: { url: string }) {
  const stream = useStream(url, { initialInput: { q: 1 }, id: 'ssr' });
  const json = useJsonStream(url);
  const events = useEventStream(url);
  return (
    <p>
      {`data=${stream.data};fetching=${String(stream.isFetching)};json=${String(json.data)};message=${events.message}`}
    </p>
  );
}

describe('server rendering', () => {
  it('renders the idle state with no DOM present and no request sent', async () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
    const server = await startServer((_req, res) => res.end());
    try {
      const html = renderToString(<Page url={`${server.url}/stream`} />);
      expect(html).toBe('<p>data=;fetching=false;json=null;message=</p>');
      // A request started while rendering would reach the server before this probe.
      await fetch(`${server.url}/probe`);
      expect(server.requests.map((r) => r.url)).toEqual(['/probe']);
    } finally {
      await server.close();
    }
  });
});
