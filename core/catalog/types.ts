import type { Buf, DType, Shape } from '../util/tensor';
import type { Rng } from '../util/rng';

/** A node parameter as the inspector, the validator and `netloom catalog` see it. */
export type ParamSpec =
  | { kind: 'int'; default: number; min: number; max?: number; description: string }
  | { kind: 'number'; default: number; min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; description: string }
  | { kind: 'boolean'; default: boolean; description: string }
  | { kind: 'enum'; default: string; options: readonly string[]; description: string }
  /**
   * A list of integers, e.g. Reshape's `shape` or Permute's `axes`. `allowMinusOne` admits one -1 (an axis
   * whose size follows from the others) besides values ≥ min.
   */
  | { kind: 'ints'; default: readonly number[]; min: number; minLength: number; maxLength: number; allowMinusOne?: boolean; description: string }
  /**
   * Convolution/pooling padding: 'valid' (none), 'same' (output size = ⌈input / stride⌉), zeros on each
   * side, or zeros per side as a list (begins, then ends).
   */
  | { kind: 'padding'; default: 'valid' | 'same' | number; max: number; description: string };

export type ParamValue = number | boolean | string | readonly number[];
export type ParamValues = Record<string, ParamValue>;

export interface PortSpec {
  name: string;
  description: string;
}

/** What the dataset says about the data, known without loading it. */
export type TargetInfo =
  | { kind: 'binary' }
  | { kind: 'classes'; classes: number }
  | { kind: 'regression'; size: number };

export interface DatasetInfo {
  inputShape: Shape;
  target: TargetInfo;
  /** Human-readable feature names, e.g. ['x', 'y'], when they exist. */
  featureNames?: string[];
}

export interface ShapeContext {
  params: ParamValues;
  /** Input shapes in port order (the catalog's `inputs`). */
  inputs: Shape[];
  dataset: DatasetInfo;
}

/** Either the output shape, or a message saying why the inputs do not fit (no node id: the caller adds it). */
export type ShapeResult = { ok: true; shape: Shape } | { ok: false; message: string; port?: number };

export type InitName =
  | 'xavier_uniform'
  | 'xavier_normal'
  | 'he_uniform'
  | 'he_normal'
  | 'lecun_normal'
  | 'normal'
  | 'zeros'
  | 'ones'
  | 'constant';

/** A trainable tensor owned by a node. */
export interface ParamTensorSpec {
  name: string;
  shape: Shape;
  init: InitName;
  fanIn: number;
  fanOut: number;
  /** Value for `constant`, std for `normal`. */
  value?: number;
  /** Whether L1/L2 and weight decay apply (weights yes, biases and norms' gains no). */
  decay: boolean;
  /**
   * false for state the kernel updates itself rather than the optimizer (BatchNorm's running mean and
   * variance): saved with the weights and exported, but never stepped, decayed or gradient-checked.
   */
  trainable?: boolean;
}

/**
 * The buffers a kernel works on, bound once when the plan is instantiated. All arrays are sized for the
 * plan's maximum batch; `n` passed to forward/backward is the batch actually in them.
 * Backward ACCUMULATES into dInputs and dParams (a tensor may feed several consumers); the engine zeroes them.
 */
export interface KernelBuffers {
  inputs: Buf[];
  output: Buf;
  params: Buf[];
  /** null where no gradient is needed (e.g. the data input). */
  dInputs: (Buf | null)[];
  dOutput: Buf;
  dParams: Buf[];
}

export interface KernelContext {
  params: ParamValues;
  inputShapes: Shape[];
  outputShape: Shape;
  maxBatch: number;
  dtype: DType;
  buffers: KernelBuffers;
  /** Allocate scratch memory here, never with `new` in forward/backward: the hot loop must not allocate. */
  alloc(size: number): Buf;
  /** Stream for stochastic layers (dropout). */
  rng: Rng;
  /** Target batch, for Loss nodes only. */
  target?: Buf;
  /** Extra facts the compiler decided, e.g. `{ fromLogits: true }` for a fused softmax + cross-entropy. */
  attrs: Record<string, unknown>;
}

export interface Kernel {
  forward(n: number, training: boolean): void;
  /** Absent for ops with nothing to propagate (the Input). */
  backward?(n: number): void;
  /** Optional internals for visualisation, e.g. attention weights `[n, heads, T, T]`. */
  inspect?(): Record<string, Buf>;
}

export type Category = 'data' | 'layer' | 'activation' | 'output';

export interface NodeKind {
  type: string;
  category: Category;
  /** Palette section, e.g. 'Convolution'; defaults from the category. */
  paletteGroup?: string;
  title: string;
  /** One or two sentences for learners, in plain words. */
  explanation: string;
  inputs: readonly PortSpec[];
  /** Loss has no output port (nothing may consume it). */
  outputs: readonly PortSpec[];
  params: Record<string, ParamSpec>;
  /**
   * The full param set for these values, when it depends on them (an Activation's params depend on
   * its `fn`). Defaults to `params`.
   */
  paramsFor?(values: ParamValues): Record<string, ParamSpec>;
  inferShape(ctx: ShapeContext): ShapeResult;
  paramTensors(ctx: { params: ParamValues; inputs: Shape[]; output: Shape }): ParamTensorSpec[];
  createKernel(ctx: KernelContext): Kernel;
}
