import type { DatasetInfo, ParamSpec } from '../catalog/types';
import { noiseSpec, num, samplesSpec, VALIDATION_SPLIT } from './params';
import { allocRows, uniform } from './split';
import { syntheticDataset } from './synthetic';

/**
 * Points are pushed this far off the axes. At the default noise (0.1 → jitter up to ±0.5) no point can
 * cross an axis, so a good network can reach 100%; more noise mislabels the points nearest the axes.
 */
const AXIS_PADDING = 0.5;

const INFO: DatasetInfo = { inputShape: [2], target: { kind: 'binary' }, featureNames: ['x', 'y'] };

const PARAMS: Record<string, ParamSpec> = {
  samples: samplesSpec(400),
  noise: noiseSpec('how far points are jittered: up to ±5·noise on each axis (the square is 10 wide), which can carry them into the wrong quadrant'),
  validationSplit: VALIDATION_SPLIT,
};

export const xorDataset = syntheticDataset({
  name: 'xor',
  title: 'XOR',
  explanation:
    'Points on a square, coloured by the quadrant they fall in: class 1 where x and y have the same sign. ' +
    'No single straight line separates the classes, so a network needs a hidden layer to learn it.',
  params: PARAMS,
  acceptsDrawnPoints: true,
  info: () => INFO,
  generate(p, rng) {
    const count = num(p, 'samples');
    const noise = num(p, 'noise');
    const rows = allocRows(count, 2, 1);
    for (let i = 0; i < count; i++) {
      let x = uniform(rng, -5, 5);
      let y = uniform(rng, -5, 5);
      x += x > 0 ? AXIS_PADDING : -AXIS_PADDING;
      y += y > 0 ? AXIS_PADDING : -AXIS_PADDING;
      // The label belongs to the clean point; the stored point is jittered, so heavy noise mislabels some.
      rows.targets[i] = x * y > 0 ? 1 : 0;
      rows.inputs[2 * i] = x + uniform(rng, -5, 5) * noise;
      rows.inputs[2 * i + 1] = y + uniform(rng, -5, 5) * noise;
    }
    return rows;
  },
});
