// The scaling conformance suite on the in-memory bus.
import { defineScalingConformance, memoryBusTarget } from '../src/index';

defineScalingConformance(memoryBusTarget);
