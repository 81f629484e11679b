import { kindOf } from '../compiler/compile';
import type { Plan } from '../compiler/plan';
import type { Kernel } from '../catalog/types';
import { KernelInputError } from '../catalog/kernel-input-error';
import { initParam } from './init';
import { Arena, ArenaMeasure } from './arena';
import { mulberry32, type Rng } from '../util/rng';
import { allocBuf, type Buf, type DType } from '../util/tensor';
import type { KernelFlavor } from '../kernels/wasm/module';

export interface ExecutorOptions {
  dtype?: DType;
  /** Stream for stochastic ops (dropout). */
  rng?: Rng;
  /** Where buffers come from; the default is the wasm arena (f32) or plain typed arrays. */
  alloc?: (size: number) => Buf;
  /** 'auto' (default): the SIMD wasm kernels over one arena when dtype is f32 and wasm is available. */
  backend?: 'auto' | 'js';
  /** Which wasm build: 'fma' (relaxed SIMD) or 'simd'; default FMA where the runtime supports it. */
  kernels?: KernelFlavor;
  /** Floats to keep free in the arena for `allocState` (optimizer moments), sized by the caller. */
  stateFloats?: number;
}

/**
 * A plan made runnable: every value, gradient, parameter and scratch buffer is allocated here, once.
 * forward/backward then only walk the kernels — no allocation per step.
 *
 * In f32 the buffers come from one Arena (a WebAssembly.Memory) so the SIMD kernels can work on them in
 * place. The memory must never grow (growing detaches views), so the layout is done twice: once with a
 * measuring allocator to learn the size, once for real.
 */
export class Executor {
  readonly values!: Buf[];
  readonly grads!: (Buf | null)[];
  readonly params!: Buf[];
  readonly paramGrads!: Buf[];
  readonly target!: Buf;
  readonly kernels!: Kernel[];
  /** Non-null when the buffers live in a wasm arena. */
  readonly arena: Arena | null;
  /** Optimizer state: from the arena's reserve when there is one, plain arrays otherwise. */
  readonly allocState: (size: number) => Buf;
  private backwardOrder!: Kernel[];
  /** Gradient buffers zeroed before each backward, and elements per sample of each (0: not per sample). */
  private zeroed!: Buf[];
  private zeroedPerSample!: Int32Array;

  constructor(readonly plan: Plan, options: ExecutorOptions = {}) {
    const dtype = options.dtype ?? 'f32';
    const rng = options.rng ?? mulberry32(1);
    const plain = (size: number) => allocBuf(dtype, size);
    let arena: Arena | null = null;
    if (!options.alloc && dtype === 'f32' && options.backend !== 'js') {
      const measure = new ArenaMeasure();
      this.layout(measure.alloc, dtype, rng);
      arena = Arena.tryCreate(measure.floats + (options.stateFloats ?? 0) + 64, options.kernels);
    }
    this.arena = arena;
    this.layout(arena ? arena.alloc : (options.alloc ?? plain), dtype, rng);
    this.allocState = arena ? arena.alloc : plain;
  }

  private layout(alloc: (size: number) => Buf, dtype: DType, rng: Rng): void {
    const plan = this.plan;
    const B = plan.batchSize;
    const self = this as { -readonly [K in keyof Executor]: Executor[K] };
    const values = plan.tensors.map((t) => alloc(t.perSample ? t.size * B : t.size));
    const grads = plan.tensors.map((t) => (t.needsGrad ? alloc(t.size * B) : null));
    const params = plan.params.map((p) => alloc(p.size));
    const paramGrads = plan.params.map((p) => alloc(p.size));
    const target = alloc(plan.target.size * B);
    // The loss's own output gradient is the seed of backprop: dL/dL = 1.
    const seed = alloc(1);
    if (seed.length) seed[0] = 1;
    const unused = alloc(1);
    self.values = values;
    self.grads = grads;
    self.params = params;
    self.paramGrads = paramGrads;
    self.target = target;
    self.kernels = plan.ops.map((op) => {
      const kind = kindOf(op);
      const isLoss = op.output === plan.lossTensor;
      return kind.createKernel({
        params: op.params,
        inputShapes: op.inputs.map((i) => plan.tensors[i]!.shape),
        outputShape: plan.tensors[op.output]!.shape,
        maxBatch: B,
        dtype,
        buffers: {
          inputs: op.inputs.map((i) => values[i]!),
          output: values[op.output]!,
          params: op.paramIds.map((i) => params[i]!),
          dInputs: op.inputs.map((i) => grads[i] ?? null),
          dOutput: isLoss ? seed : (grads[op.output] ?? unused),
          dParams: op.paramIds.map((i) => paramGrads[i]!),
        },
        alloc,
        rng,
        ...(isLoss ? { target } : {}),
        attrs: op.attrs,
      });
    });
    this.backwardOrder = plan.ops
      .map((op, i) => (op.backward ? this.kernels[i]! : null))
      .filter((k): k is Kernel => k !== null && k.backward !== undefined)
      .reverse();
    this.zeroed = [];
    const perSample: number[] = [];
    plan.tensors.forEach((t, i) => {
      if (!grads[i]) return;
      this.zeroed.push(grads[i]!);
      perSample.push(t.perSample ? t.size : 0);
    });
    for (const g of paramGrads) {
      this.zeroed.push(g);
      perSample.push(0);
    }
    this.zeroedPerSample = Int32Array.from(perSample);
  }

  get input(): Buf {
    return this.values[this.plan.inputTensor]!;
  }

  get prediction(): Buf {
    return this.values[this.plan.predictionTensor]!;
  }

  get loss(): number {
    return this.values[this.plan.lossTensor]![0]!;
  }

  /** Whether the SIMD wasm kernels run this plan. */
  get backend(): 'wasm' | 'js' {
    return this.arena ? 'wasm' : 'js';
  }

  /** The wasm build running this plan ('fma' or 'simd'), null on the TS kernels. */
  get kernelFlavor(): KernelFlavor | null {
    return this.arena?.flavor ?? null;
  }

  /** Draw every parameter from its initialiser, in plan order, from one stream. */
  initParams(rng: Rng): void {
    this.plan.params.forEach((p, i) => initParam(this.params[i]!, p, rng));
  }

  forward(n: number, training: boolean): void {
    const ks = this.kernels;
    let i = 0;
    try {
      for (; i < ks.length; i++) ks[i]!.forward(n, training);
    } catch (e) {
      // Say which node refused its input; other errors pass through unchanged.
      if (e instanceof KernelInputError && e.nodeId === undefined) {
        e.nodeId = this.plan.ops[i]!.node;
        e.message = `node "${e.nodeId}": ${e.message}`;
      }
      throw e;
    }
  }

  /** Gradients of the mean batch loss w.r.t. every parameter (after forward with the same n). */
  backward(n: number): void {
    // Kernels only touch the first n rows of per-sample gradients, so only those need zeroing.
    const z = this.zeroed, per = this.zeroedPerSample;
    for (let i = 0; i < z.length; i++) {
      const s = per[i]!;
      if (s === 0) z[i]!.fill(0);
      else z[i]!.fill(0, 0, n * s);
    }
    const ks = this.backwardOrder;
    for (let i = 0; i < ks.length; i++) ks[i]!.backward!(n);
  }
}
