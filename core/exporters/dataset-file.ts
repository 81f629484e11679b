import type { DataSplit, LoadedDataset } from '../datasets/types';
import { encodeNpz, type NpyArray } from './npz';

/**
 * The training data written next to an exported script, so it trains on exactly NetLoom's rows:
 * `x_train`, `y_train`, `x_val`, `y_val` (and `x_<extra>`, `y_<extra>` for extra splits such as
 * arithmetic's extrapolation). Inputs keep their per-sample shape, e.g. [N, T, d] for a sequence.
 * Targets are raw: the class index (as float) for classification, [N, size] values for regression.
 */
export function datasetNpz(data: LoadedDataset): Uint8Array {
  const inputShape = data.info.inputShape;
  const t = data.info.target;
  const arrays: NpyArray[] = [];
  const add = (suffix: string, split: DataSplit) => {
    arrays.push({ name: `x_${suffix}`, shape: [split.count, ...inputShape], data: split.inputs });
    arrays.push({ name: `y_${suffix}`, shape: t.kind === 'regression' ? [split.count, t.size] : [split.count], data: split.targets });
  };
  add('train', data.train);
  add('val', data.validation);
  for (const [name, split] of Object.entries(data.extra ?? {})) add(name, split);
  return encodeNpz(arrays);
}
