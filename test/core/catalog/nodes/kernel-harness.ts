/**
 * Builds one kernel directly, for behaviour that `checkOp` does not cover (statistics of a dropout mask,
 * causality, accumulation, `inspect()`, a live batch smaller than the buffers). Gradient checks still go
 * through the shared `checkOp` helper.
 */
import { withDefaults } from '../../../../core/catalog/params';
import type { Kernel, KernelBuffers, NodeKind, ParamTensorSpec } from '../../../../core/catalog/types';
import { mulberry32 } from '../../../../core/util/rng';
import { sizeOf, type Shape } from '../../../../core/util/tensor';

export interface Harness {
  kernel: Kernel;
  buffers: KernelBuffers;
  outShape: Shape;
  paramSpecs: ParamTensorSpec[];
  /** Float64 views of the buffers, for convenient indexing in tests. */
  inputs: Float64Array[];
  params: Float64Array[];
  output: Float64Array;
  dOutput: Float64Array;
}

export interface HarnessOptions {
  params?: Record<string, unknown>;
  inputs: Shape[];
  maxBatch?: number;
  seed?: number;
  inputRange?: [number, number];
  /** Leave dInputs null (as for a data input that needs no gradient). */
  noInputGradients?: boolean;
}

export function buildKernel(kind: NodeKind, opts: HarnessOptions): Harness {
  const maxBatch = opts.maxBatch ?? 2;
  const params = withDefaults(kind, opts.params ?? {});
  const shape = kind.inferShape({ params, inputs: opts.inputs, dataset: { inputShape: [2], target: { kind: 'binary' } } });
  if (!shape.ok) throw new Error(shape.message);
  const rng = mulberry32(opts.seed ?? 11);
  const [lo, hi] = opts.inputRange ?? [-2, 2];
  const uniform = (len: number, a: number, b: number) => Float64Array.from({ length: len }, () => a + (b - a) * rng.next());
  const inputs = opts.inputs.map((s) => uniform(maxBatch * sizeOf(s), lo, hi));
  const paramSpecs = kind.paramTensors({ params, inputs: opts.inputs, output: shape.shape });
  // State tensors (BatchNorm's running variance) must stay positive.
  const paramBufs = paramSpecs.map((p) => (p.trainable === false ? uniform(sizeOf(p.shape), 0.5, 1.5) : uniform(sizeOf(p.shape), -1, 1)));
  const outSize = maxBatch * sizeOf(shape.shape);
  const output = new Float64Array(outSize);
  const dOutput = uniform(outSize, -1, 1);
  const buffers: KernelBuffers = {
    inputs,
    output,
    params: paramBufs,
    dInputs: inputs.map((x) => (opts.noInputGradients ? null : new Float64Array(x.length))),
    dOutput,
    dParams: paramBufs.map((p) => new Float64Array(p.length)),
  };
  const kernel = kind.createKernel({
    params,
    inputShapes: opts.inputs,
    outputShape: shape.shape,
    maxBatch,
    dtype: 'f64',
    buffers,
    alloc: (size) => new Float64Array(size),
    rng: mulberry32((opts.seed ?? 11) + 1),
    attrs: {},
  });
  return { kernel, buffers, outShape: shape.shape, paramSpecs, inputs, params: paramBufs, output, dOutput };
}
