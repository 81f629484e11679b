/**
 * Runs the Activation node's real kernel on chosen values (checkOp draws random ones). Used by the
 * known-value, stability and accumulation tests; gradients are still checked only through checkOp.
 */
import { ActivationNode } from '../../../../core/catalog/nodes/activation';
import { withDefaults } from '../../../../core/catalog/params';
import type { DatasetInfo, KernelBuffers } from '../../../../core/catalog/types';
import { mulberry32 } from '../../../../core/util/rng';
import { sizeOf, type Shape } from '../../../../core/util/tensor';

export interface ActivationRun {
  output: Float64Array;
  dInput: Float64Array;
  dParams: Float64Array[];
  buffers: KernelBuffers;
  /** Run backward once more, without zeroing (the engine's gradients accumulate). */
  backwardAgain(): void;
}

const DATASET: DatasetInfo = { inputShape: [1], target: { kind: 'binary' } };

/**
 * `values` holds `n` samples of `shape`, flat. Buffers are sized for `maxBatch` (> n by default) and the
 * spare tail is filled with NaN, so a kernel that reads or writes beyond the live batch shows up.
 * dOutput defaults to all ones; param tensors start from their spec'd constant (prelu's 0.25).
 */
export function runActivation(
  params: Record<string, unknown>,
  shape: Shape,
  values: readonly number[],
  opts: { dOutput?: readonly number[]; maxBatch?: number } = {},
): ActivationRun {
  const full = withDefaults(ActivationNode, params);
  const inSize = sizeOf(shape);
  const n = values.length / inSize;
  if (!Number.isInteger(n)) throw new Error(`${values.length} values do not fill samples of ${shape.join('x')}`);
  const maxBatch = opts.maxBatch ?? n + 2;
  const inferred = ActivationNode.inferShape({ params: full, inputs: [shape], dataset: DATASET });
  if (!inferred.ok) throw new Error(inferred.message);
  const outSize = sizeOf(inferred.shape);
  if (opts.dOutput && opts.dOutput.length !== n * outSize) {
    throw new Error(`dOutput has ${opts.dOutput.length} values, the output has ${n * outSize}`);
  }
  const padded = (live: readonly number[], per: number) => {
    const a = new Float64Array(maxBatch * per).fill(NaN);
    a.set(live);
    return a;
  };
  const specs = ActivationNode.paramTensors({ params: full, inputs: [shape], output: inferred.shape });
  const buffers: KernelBuffers = {
    inputs: [padded(values, inSize)],
    output: padded([], outSize),
    params: specs.map((s) => new Float64Array(sizeOf(s.shape)).fill(s.value ?? 0)),
    dInputs: [padded(new Array<number>(n * inSize).fill(0), inSize)],
    dOutput: padded(opts.dOutput ?? new Array<number>(n * outSize).fill(1), outSize),
    dParams: specs.map((s) => new Float64Array(sizeOf(s.shape))),
  };
  const kernel = ActivationNode.createKernel({
    params: full,
    inputShapes: [shape],
    outputShape: inferred.shape,
    maxBatch,
    dtype: 'f64',
    buffers,
    alloc: (size) => new Float64Array(size),
    rng: mulberry32(1),
    attrs: {},
  });
  kernel.forward(n, true);
  kernel.backward?.(n);
  const live = (b: KernelBuffers['output'], per: number) => Float64Array.from(b.subarray(0, n * per));
  const run: ActivationRun = {
    get output() { return live(buffers.output, outSize); },
    get dInput() { return live(buffers.dInputs[0]!, inSize); },
    get dParams() { return buffers.dParams.map((p) => Float64Array.from(p)); },
    buffers,
    backwardAgain: () => kernel.backward?.(n),
  };
  return run;
}
