// The scaling conformance suite on a real Redis.
import { defineScalingConformance, redisBusTarget } from '../src/index';

defineScalingConformance(redisBusTarget);
