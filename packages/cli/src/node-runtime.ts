// `herald start` on Node: the composition served by @herald/node (ws + node:http/https).
import { createNodeServer } from '@herald/node';
import type { ServerRuntime } from './runtime-server';

export const nodeRuntime: ServerRuntime = {
  label: undefined,
  createServer: (options) => Promise.resolve(createNodeServer(options)),
};
