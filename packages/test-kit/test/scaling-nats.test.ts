// The scaling conformance suite on a real NATS.
import { defineScalingConformance, natsBusTarget } from '../src/index';

defineScalingConformance(natsBusTarget);
