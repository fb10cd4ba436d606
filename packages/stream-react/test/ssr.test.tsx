// Server rendering: the hooks render their initial state without document, window or a request.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useEventStream, useJsonStream, useStream } from '../src/index';

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
  it('renders the idle state with no DOM present and no request sent', () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
    // Any request would hit this closed port and surface as an unhandled error.
    const html = renderToString(<Page url="http://127.0.0.1:9/never" />);
    expect(html).toBe('<p>data=;fetching=false;json=null;message=</p>');
  });
});
