/**
 * The engine's rules for kernels, checked on every activation with its real kernel: backward adds to the
 * gradient buffers (a tensor may feed several consumers), and only the live batch `n` is touched even
 * though buffers are sized for the maximum batch.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATION_LIST } from '../../../../core/catalog/activations';
import { ActivationNode } from '../../../../core/catalog/nodes/activation';
import { withDefaults } from '../../../../core/catalog/params';
import { mulberry32 } from '../../../../core/util/rng';
import { allocBuf, sizeOf } from '../../../../core/util/tensor';
import { runActivation } from './run-activation';

const FNS = ACTIVATION_LIST.map((a) => a.fn);
const rng = mulberry32(11);
// Two samples of [2, 3]: a short sequence, so per-row kernels see more than one row per sample.
const VALUES = Array.from({ length: 12 }, () => -3 + 6 * rng.next());

describe('activation kernels follow the kernel contract', () => {
  it.each(FNS)('%s accumulates into dInputs and dParams', (fn) => {
    const run = runActivation({ fn }, [2, 3], VALUES);
    const once = run.dInput;
    const paramsOnce = run.dParams;
    run.backwardAgain();
    // g + g is exact in floating point, so accumulation must give exactly twice the gradient.
    expect(Array.from(run.dInput)).toEqual(Array.from(once, (g) => 2 * g));
    run.dParams.forEach((p, i) => expect(Array.from(p)).toEqual(Array.from(paramsOnce[i]!, (g) => 2 * g)));
  });

  it.each(FNS)('%s leaves the unused tail of max-batch buffers alone', (fn) => {
    // runActivation fills everything past the live batch with NaN: reading it would spread NaN into
    // the live outputs, writing it would replace the NaN.
    const run = runActivation({ fn }, [2, 3], VALUES, { maxBatch: 5 });
    const live = run.output.length;
    const out = Array.from(run.buffers.output);
    const dIn = Array.from(run.buffers.dInputs[0]!);
    expect(out.slice(0, live).every(Number.isFinite)).toBe(true);
    expect(out.slice(live).every(Number.isNaN)).toBe(true);
    expect(dIn.slice(0, VALUES.length).every(Number.isFinite)).toBe(true);
    expect(dIn.slice(VALUES.length).every(Number.isNaN)).toBe(true);
  });

  it.each(FNS)('%s runs in float32 like the engine', (fn) => {
    const params = withDefaults(ActivationNode, { fn });
    const shape = [2, 3];
    const inferred = ActivationNode.inferShape({ params, inputs: [shape], dataset: { inputShape: [1], target: { kind: 'binary' } } });
    if (!inferred.ok) throw new Error(inferred.message);
    const outSize = 2 * sizeOf(inferred.shape);
    const specs = ActivationNode.paramTensors({ params, inputs: [shape], output: inferred.shape });
    const X = allocBuf('f32', VALUES.length);
    X.set(VALUES);
    const dX = allocBuf('f32', VALUES.length);
    const kernel = ActivationNode.createKernel({
      params,
      inputShapes: [shape],
      outputShape: inferred.shape,
      maxBatch: 2,
      dtype: 'f32',
      buffers: {
        inputs: [X],
        output: allocBuf('f32', outSize),
        params: specs.map((s) => allocBuf('f32', sizeOf(s.shape)).fill(s.value ?? 0)),
        dInputs: [dX],
        dOutput: allocBuf('f32', outSize).fill(1),
        dParams: specs.map((s) => allocBuf('f32', sizeOf(s.shape))),
      },
      alloc: (size) => allocBuf('f32', size),
      rng: mulberry32(1),
      attrs: {},
    });
    kernel.forward(2, true);
    kernel.backward?.(2);
    // Same numbers as the float64 run, to float32 precision.
    const ref = runActivation({ fn }, shape, Array.from(X));
    expect(Math.max(...Array.from(dX, (g, i) => Math.abs(g - ref.dInput[i]!)))).toBeLessThan(1e-6);
  });

  it.each(FNS)('%s skips the input gradient when the engine needs none (dInputs null)', (fn) => {
    const params = withDefaults(ActivationNode, { fn });
    const inferred = ActivationNode.inferShape({ params, inputs: [[4]], dataset: { inputShape: [1], target: { kind: 'binary' } } });
    if (!inferred.ok) throw new Error(inferred.message);
    const outSize = sizeOf(inferred.shape);
    const specs = ActivationNode.paramTensors({ params, inputs: [[4]], output: inferred.shape });
    const dParams = specs.map((s) => new Float64Array(sizeOf(s.shape)));
    const kernel = ActivationNode.createKernel({
      params,
      inputShapes: [[4]],
      outputShape: inferred.shape,
      maxBatch: 1,
      dtype: 'f64',
      buffers: {
        inputs: [Float64Array.of(-1, 0.5, 2, -0.1)],
        output: new Float64Array(outSize),
        params: specs.map((s) => new Float64Array(sizeOf(s.shape)).fill(s.value ?? 0)),
        dInputs: [null],
        dOutput: new Float64Array(outSize).fill(1),
        dParams,
      },
      alloc: (size) => new Float64Array(size),
      rng: mulberry32(1),
      attrs: {},
    });
    kernel.forward(1, true);
    expect(() => kernel.backward?.(1)).not.toThrow();
    // prelu's alpha still learns: ∂y/∂alpha = x on the negative inputs, 0 elsewhere.
    if (fn === 'prelu') expect(Array.from(dParams[0]!)).toEqual([-1, 0, 0, -0.1]);
  });
});
