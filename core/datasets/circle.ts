import type { DatasetInfo, ParamSpec } from '../catalog/types';
import { noiseSpec, num, samplesSpec, VALIDATION_SPLIT } from './params';
import { allocRows, uniform } from './split';
import { syntheticDataset } from './synthetic';

const RADIUS = 5;
/** Inner disk up to 0.5·RADIUS, outer ring from 0.7·RADIUS: a clear gap when there is no noise. */
const INNER_MAX = 0.5 * RADIUS;
const OUTER_MIN = 0.7 * RADIUS;

const INFO: DatasetInfo = { inputShape: [2], target: { kind: 'binary' }, featureNames: ['x', 'y'] };

const PARAMS: Record<string, ParamSpec> = {
  samples: samplesSpec(400),
  noise: noiseSpec('how far points are jittered: up to ±5·noise on each axis (the ring has radius 5)'),
  validationSplit: VALIDATION_SPLIT,
};

export const circleDataset = syntheticDataset({
  name: 'circle',
  title: 'Circle',
  explanation:
    'A disk of class 1 inside a ring of class 0. The boundary is a circle, so a network must bend its ' +
    'decision line all the way round — or be given x² and y² as features.',
  params: PARAMS,
  acceptsDrawnPoints: true,
  info: () => INFO,
  generate(p, rng) {
    const count = num(p, 'samples');
    const noise = num(p, 'noise');
    const rows = allocRows(count, 2, 1);
    for (let i = 0; i < count; i++) {
      // Alternate so the classes are balanced exactly; the split shuffles the order afterwards.
      const inner = i % 2 === 0;
      const r = inner ? uniform(rng, 0, INNER_MAX) : uniform(rng, OUTER_MIN, RADIUS);
      const angle = uniform(rng, 0, 2 * Math.PI);
      rows.inputs[2 * i] = r * Math.sin(angle) + uniform(rng, -RADIUS, RADIUS) * noise;
      rows.inputs[2 * i + 1] = r * Math.cos(angle) + uniform(rng, -RADIUS, RADIUS) * noise;
      rows.targets[i] = inner ? 1 : 0;
    }
    return rows;
  },
});
