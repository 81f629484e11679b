import { deriveSeed, mulberry32, shuffleInPlace } from '../util/rng';
import type { DatasetInfo } from '../catalog/types';
import type { DataSplit, LoadedDataset } from './types';

/** All rows of a dataset before it is split: row-major inputs and targets. */
export interface Rows {
  count: number;
  inputSize: number;
  targetSize: number;
  inputs: Float32Array;
  targets: Float32Array;
}

export function allocRows(count: number, inputSize: number, targetSize: number): Rows {
  return {
    count,
    inputSize,
    targetSize,
    inputs: new Float32Array(count * inputSize),
    targets: new Float32Array(count * targetSize),
  };
}

/** Copy the rows listed in `order` into a new split, in that order. */
export function pickRows(rows: Rows, order: ArrayLike<number>): DataSplit {
  const { inputSize: is, targetSize: ts } = rows;
  const inputs = new Float32Array(order.length * is);
  const targets = new Float32Array(order.length * ts);
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    inputs.set(rows.inputs.subarray(r * is, (r + 1) * is), i * is);
    targets.set(rows.targets.subarray(r * ts, (r + 1) * ts), i * ts);
  }
  return { count: order.length, inputs, targets };
}

export function rowsAsSplit(rows: Rows): DataSplit {
  return { count: rows.count, inputs: rows.inputs, targets: rows.targets };
}

/**
 * Shuffle the rows with a seeded stream, then hold out the first `floor(count * validationSplit)` for
 * validation. Generators often emit rows grouped by class, so the shuffle is what makes both splits
 * representative; the train split keeps the shuffled order too. Flooring keeps at least one
 * training row, since validationSplit ≤ 0.9.
 */
export function splitRows(rows: Rows, validationSplit: number, seed: number): { train: DataSplit; validation: DataSplit } {
  const order = new Int32Array(rows.count);
  for (let i = 0; i < rows.count; i++) order[i] = i;
  shuffleInPlace(order, mulberry32(deriveSeed(seed, 'split')));
  const nVal = Math.floor(rows.count * validationSplit);
  return { validation: pickRows(rows, order.subarray(0, nVal)), train: pickRows(rows, order.subarray(nVal)) };
}

export function toLoaded(info: DatasetInfo, rows: Rows, validationSplit: number, seed: number): LoadedDataset {
  const { train, validation } = splitRows(rows, validationSplit, seed);
  return { info, train, validation };
}

/** The generator stream of a dataset, independent of the split stream for the same seed. */
export function dataRng(seed: number) {
  return mulberry32(deriveSeed(seed, 'data'));
}

/** Uniform in [lo, hi). */
export function uniform(rng: { next(): number }, lo: number, hi: number): number {
  return lo + rng.next() * (hi - lo);
}
