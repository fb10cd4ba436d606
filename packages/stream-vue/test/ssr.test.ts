// Server rendering: the composables render their initial state without document, window or a request.
import { renderToString } from '@vue/server-renderer';
import { describe, expect, it } from 'vitest';
import { createSSRApp, defineComponent, h } from 'vue';
import { useEventStream, useJsonStream, useStream } from '../src/index';
import { startServer } from './helpers/server';

const Page = defineComponent({
  props: { url: { type: String, required: true } },
  setup(props) {
    const url = props.url;
    const stream = useStream(url, { initialInput: { q: 1 }, id: 'ssr' });
    const json = useJsonStream(url);
    const events = useEventStream(url);
    return () =>
      h(
        'p',
        `data=${stream.data.value};fetching=${String(stream.isFetching.value)};json=${String(json.data.value)};message=${events.message.value}`,
      );
  },
});

describe('server rendering', () => {
  it('renders the idle state with no DOM present and no request sent', async () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
    const server = await startServer((_req, res) => res.end());
    try {
      const html = await renderToString(createSSRApp(Page, { url: `${server.url}/stream` }));
      expect(html).toBe('<p>data=;fetching=false;json=null;message=</p>');
      // A request started while rendering would reach the server before this probe.
      await fetch(`${server.url}/probe`);
      expect(server.requests.map((r) => r.url)).toEqual(['/probe']);
    } finally {
      await server.close();
    }
  });
});
