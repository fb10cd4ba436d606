// The server conformance suite against the Node adapter.
import { defineServerConformance } from '../src/index';
import { nodeTarget } from './node-target';

defineServerConformance(nodeTarget);
