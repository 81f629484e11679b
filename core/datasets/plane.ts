import type { DatasetInfo, ParamSpec } from '../catalog/types';
import { noiseSpec, num, samplesSpec, VALIDATION_SPLIT } from './params';
import { allocRows, uniform } from './split';
import { syntheticDataset } from './synthetic';

const HALF_WIDTH = 6;

/** The target: a tilted plane that spans [-1.2, 1.2] over the square, so a tanh output can reach it. */
export function planeHeight(x1: number, x2: number): number {
  return (x1 + x2) / 10;
}

const INFO: DatasetInfo = { inputShape: [2], target: { kind: 'regression', size: 1 }, featureNames: ['x1', 'x2'] };

const PARAMS: Record<string, ParamSpec> = {
  samples: samplesSpec(400),
  noise: noiseSpec('how noisy the target is: it is computed at the point moved by up to ±6·noise on each axis, i.e. off by up to ±1.2·noise'),
  validationSplit: VALIDATION_SPLIT,
};

export const planeDataset = syntheticDataset({
  name: 'plane',
  title: 'Plane (regression)',
  explanation:
    'Predict a number instead of a class: the height of a tilted plane, y = (x1 + x2) / 10. ' +
    'A single Dense layer with no activation solves it exactly — a good first regression.',
  params: PARAMS,
  acceptsDrawnPoints: true,
  info: () => INFO,
  generate(p, rng) {
    const count = num(p, 'samples');
    const noise = num(p, 'noise');
    const rows = allocRows(count, 2, 1);
    for (let i = 0; i < count; i++) {
      const x1 = uniform(rng, -HALF_WIDTH, HALF_WIDTH);
      const x2 = uniform(rng, -HALF_WIDTH, HALF_WIDTH);
      // Like TensorFlow Playground: the target is read at a jittered point, the clean point is the input.
      const j1 = uniform(rng, -HALF_WIDTH, HALF_WIDTH) * noise;
      const j2 = uniform(rng, -HALF_WIDTH, HALF_WIDTH) * noise;
      rows.inputs[2 * i] = x1;
      rows.inputs[2 * i + 1] = x2;
      rows.targets[i] = planeHeight(x1 + j1, x2 + j2);
    }
    return rows;
  },
});
