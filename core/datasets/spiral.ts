import type { DatasetInfo, ParamSpec } from '../catalog/types';
import { noiseSpec, num, samplesSpec, VALIDATION_SPLIT } from './params';
import { allocRows, uniform } from './split';
import { syntheticDataset } from './synthetic';

const INFO: DatasetInfo = { inputShape: [2], target: { kind: 'binary' }, featureNames: ['x', 'y'] };

const PARAMS: Record<string, ParamSpec> = {
  samples: samplesSpec(400),
  noise: noiseSpec('how far points are jittered: up to ±noise on each axis; the arms are about 1.4 apart, so noise near 1 blurs them together'),
  validationSplit: VALIDATION_SPLIT,
};

export const spiralDataset = syntheticDataset({
  name: 'spiral',
  title: 'Spiral',
  explanation:
    'Two spirals wound into each other, one per class. Neighbouring points often belong to different ' +
    'classes, so it needs several layers (or sin/cos features) and patience — the classic hard toy problem.',
  params: PARAMS,
  acceptsDrawnPoints: true,
  info: () => INFO,
  generate(p, rng) {
    const count = num(p, 'samples');
    const noise = num(p, 'noise');
    const rows = allocRows(count, 2, 1);
    let row = 0;
    for (let c = 0; c < 2; c++) {
      // Class 0 gets the odd sample out, so the classes differ by at most one point.
      const n = c === 0 ? Math.ceil(count / 2) : Math.floor(count / 2);
      for (let i = 0; i < n; i++, row++) {
        // TensorFlow Playground's spiral: radius grows to 5 over 1.75 turns; class 1 is rotated by π.
        const r = (i / n) * 5;
        const t = 1.75 * (i / n) * 2 * Math.PI + c * Math.PI;
        rows.inputs[2 * row] = r * Math.sin(t) + uniform(rng, -1, 1) * noise;
        rows.inputs[2 * row + 1] = r * Math.cos(t) + uniform(rng, -1, 1) * noise;
        rows.targets[row] = c;
      }
    }
    return rows;
  },
});
