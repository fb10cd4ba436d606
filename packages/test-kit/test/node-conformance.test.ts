// The server conformance suite against the Node adapter.
import { defineServerConformance } from '../src/index';
import { nodeTarget } from './node-target';

defineServerConformance(nodeTarget, {
  knownFailures: {
    'refuses a WebSocket on a path other than /app/{key} with 4005':
      'the Node adapter refuses upgrades outside /app/ with HTTP 400 before the core can send 4005',
  },
});
