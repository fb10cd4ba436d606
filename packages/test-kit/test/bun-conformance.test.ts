// The server conformance suite against the Bun adapter, each server a real Bun process.
import { bunTarget, defineServerConformance } from '../src/index';

defineServerConformance(bunTarget);
