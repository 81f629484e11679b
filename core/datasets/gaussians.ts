import type { DatasetInfo, ParamSpec } from '../catalog/types';
import { noiseSpec, num, samplesSpec, VALIDATION_SPLIT } from './params';
import { allocRows, toLoaded } from './split';
import { syntheticDataset } from './synthetic';

/**
 * Blob centres sit on a circle. Its radius grows with the class count so that neighbouring centres stay
 * about 3 apart (chord 2R·sin(π/k) ≥ 3); two blobs land at (±2.1, ±2.1) like TensorFlow Playground's.
 */
export function blobCentre(k: number, classes: number): [number, number] {
  const radius = Math.max(3, 3 / (2 * Math.sin(Math.PI / classes)));
  const angle = Math.PI / 4 + (2 * Math.PI * k) / classes;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

/** Noise 0 gives tight blobs (std 0.4); noise 1 gives std 2, where neighbouring blobs overlap heavily. */
export function blobStd(noise: number): number {
  return 0.4 + 1.6 * noise;
}

function infoFor(classes: number): DatasetInfo {
  return {
    inputShape: [2],
    target: classes === 2 ? { kind: 'binary' } : { kind: 'classes', classes },
    featureNames: ['x', 'y'],
  };
}

const PARAMS: Record<string, ParamSpec> = {
  samples: samplesSpec(400),
  noise: noiseSpec('how spread out each blob is: standard deviation 0.4 + 1.6·noise (centres are about 3 apart)'),
  classes: { kind: 'int', default: 2, min: 2, max: 10, description: 'how many blobs (2 gives a binary target)' },
  validationSplit: VALIDATION_SPLIT,
};

export const gaussiansDataset = syntheticDataset({
  name: 'gaussians',
  title: 'Gaussian blobs',
  explanation:
    'Round clouds of points, one per class. With two well-separated clouds a single straight line is ' +
    'enough — the easiest problem to start with; more clouds or more noise make them overlap.',
  params: PARAMS,
  acceptsDrawnPoints: true,
  info: (p) => infoFor(num(p, 'classes')),
  generate(p, rng) {
    const count = num(p, 'samples');
    const classes = num(p, 'classes');
    const std = blobStd(num(p, 'noise'));
    const rows = allocRows(count, 2, 1);
    for (let i = 0; i < count; i++) {
      // Round-robin over classes keeps them balanced to within one point.
      const k = i % classes;
      const [cx, cy] = blobCentre(k, classes);
      rows.inputs[2 * i] = cx + std * rng.normal();
      rows.inputs[2 * i + 1] = cy + std * rng.normal();
      rows.targets[i] = k;
    }
    return rows;
  },
});
