import type { DatasetInfo, ParamSpec } from '../catalog/types';
import { noiseSpec, num, samplesSpec, VALIDATION_SPLIT } from './params';
import { allocRows, uniform } from './split';
import { syntheticDataset } from './synthetic';

const INFO: DatasetInfo = { inputShape: [1], target: { kind: 'regression', size: 1 }, featureNames: ['x'] };

const PARAMS: Record<string, ParamSpec> = {
  samples: samplesSpec(400),
  noise: noiseSpec('standard deviation of the Gaussian noise added to sin(x) (the wave itself has amplitude 1)'),
  validationSplit: VALIDATION_SPLIT,
};

export const sineDataset = syntheticDataset({
  name: 'sine',
  title: 'Sine wave (regression)',
  explanation:
    'One number in, one number out: y = sin(x) for x between -π and π, plus noise. A straight line cannot ' +
    'follow the wave, so it shows what hidden units and non-linear activations buy you.',
  params: PARAMS,
  info: () => INFO,
  generate(p, rng) {
    const count = num(p, 'samples');
    const noise = num(p, 'noise');
    const rows = allocRows(count, 1, 1);
    for (let i = 0; i < count; i++) {
      const x = uniform(rng, -Math.PI, Math.PI);
      rows.inputs[i] = x;
      rows.targets[i] = Math.sin(x) + noise * rng.normal();
    }
    return rows;
  },
});
