// Bundles the page's script with esbuild, once per process: Vue's runtime build, @herald/vue,
// @herald/echo, laravel-echo and pusher-js's web build in one ES module.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

/**
 * The components are plain `defineComponent` + `h` render functions, so esbuild needs no Vue plugin
 * and the page needs no template compiler; the defines are the flags Vue's bundler build expects.
 */
export function bundleClient(): Promise<string> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL('./client/main.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  }).then((result) => result.outputFiles[0]!.text);
  return bundled;
}
