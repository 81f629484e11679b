import type { DatasetInfo, ParamSpec } from '../catalog/types';
import type { Rng } from '../util/rng';
import { noiseSpec, num, samplesSpec, VALIDATION_SPLIT } from './params';
import { allocRows, uniform } from './split';
import { syntheticDataset } from './synthetic';

export const SHAPE_CLASSES = ['circle', 'square', 'triangle', 'cross'] as const;
export const SHAPES_SIZE = 16;
const CHANNELS = 3;

const INFO: DatasetInfo = { inputShape: [CHANNELS, SHAPES_SIZE, SHAPES_SIZE], target: { kind: 'classes', classes: SHAPE_CLASSES.length } };

const PARAMS: Record<string, ParamSpec> = {
  samples: samplesSpec(2000, 20_000),
  noise: noiseSpec('standard deviation of the random speckle added to every pixel (colours are in [0, 1])'),
  validationSplit: VALIDATION_SPLIT,
};

/** Whether the point (dx, dy) from the centre lies inside shape `k` of radius r. */
function inside(k: number, dx: number, dy: number, r: number): boolean {
  switch (k) {
    case 0:
      return dx * dx + dy * dy <= r * r;
    case 1:
      return Math.abs(dx) <= 0.8 * r && Math.abs(dy) <= 0.8 * r;
    case 2:
      // Apex up at −r, flat base at +0.7r, widening linearly to a half-width of r at the base.
      return dy >= -r && dy <= 0.7 * r && Math.abs(dx) <= (dy + r) / 1.7;
    default: {
      const t = Math.max(0.9, 0.3 * r);
      return (Math.abs(dx) <= t && Math.abs(dy) <= r) || (Math.abs(dy) <= t && Math.abs(dx) <= r);
    }
  }
}

/** One example, channels first, written at `out[off…]`: a coloured shape on a dark background, with speckle. */
function drawShape(out: Float32Array, off: number, k: number, noise: number, rng: Rng): void {
  const S = SHAPES_SIZE;
  const r = uniform(rng, 3.5, 6);
  const cx = (S - 1) / 2 + uniform(rng, -2.5, 2.5);
  const cy = (S - 1) / 2 + uniform(rng, -2.5, 2.5);
  // Colours are random and independent of the class: only the outline tells the shapes apart.
  const fg = [uniform(rng, 0.45, 1), uniform(rng, 0.45, 1), uniform(rng, 0.45, 1)];
  const bg = [uniform(rng, 0, 0.25), uniform(rng, 0, 0.25), uniform(rng, 0, 0.25)];
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const on = inside(k, x - cx, y - cy, r);
      for (let c = 0; c < CHANNELS; c++) {
        const v = (on ? fg[c]! : bg[c]!) + noise * rng.normal();
        out[off + c * S * S + y * S + x] = Math.min(1, Math.max(0, v));
      }
    }
  }
}

export const shapesDataset = syntheticDataset({
  name: 'shapes',
  title: 'Shapes',
  explanation:
    'Small 16 × 16 colour pictures of a circle, a square, a triangle or a cross, in random colours, sizes and ' +
    'places, with speckle. The colour says nothing about the class, so a network has to learn outlines — ' +
    'easy for a small convolutional network, clumsy for Dense layers that see pixels one by one.',
  params: PARAMS,
  info: () => INFO,
  generate(p, rng) {
    const count = num(p, 'samples');
    const noise = num(p, 'noise');
    const size = CHANNELS * SHAPES_SIZE * SHAPES_SIZE;
    const rows = allocRows(count, size, 1);
    for (let i = 0; i < count; i++) {
      // Round-robin over the four classes keeps them balanced.
      const k = i % SHAPE_CLASSES.length;
      drawShape(rows.inputs, i * size, k, noise, rng);
      rows.targets[i] = k;
    }
    return rows;
  },
});
