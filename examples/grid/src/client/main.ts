// The page's entry: one echo for the tab (Herald on this page's own host and port), given to the
// Vue app through @herald/vue's plugin, and a fetch that sends X-Socket-ID.
import { createEcho, wrapFetch } from '@herald/echo';
import { createEchoPlugin } from '@herald/vue';
import { createApp } from 'vue';
import { GridApp } from './grid-app';

const key = document.querySelector<HTMLMetaElement>('meta[name="herald-key"]')!.content;

// One viewer per tab: sessionStorage keeps it across reloads of this tab only.
const viewer = sessionStorage.getItem('grid-viewer') ?? `viewer-${crypto.randomUUID().slice(0, 8)}`;
sessionStorage.setItem('grid-viewer', viewer);

const isTls = location.protocol === 'https:';
const herald = createEcho({
  broadcaster: 'reverb',
  key,
  host: location.hostname,
  port: Number(location.port) || (isTls ? 443 : 80),
  forceTLS: isTls,
  namespace: false,
  auth: { endpoint: '/broadcasting/auth', getHeaders: () => ({ 'x-viewer': viewer }) },
});

createApp(GridApp, { viewer, post: wrapFetch(fetch, herald) })
  .use(createEchoPlugin(herald))
  .mount('#app');
