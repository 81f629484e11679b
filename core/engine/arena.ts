import { registerArena } from '../kernels/gemm';
import { instantiateKernels, kernelModule, preferredFlavor, WASM_RESERVED_BYTES, type KernelFlavor } from '../kernels/wasm/module';

/** Every buffer starts on a cache line, which also keeps SIMD loads aligned. */
const ALIGN_FLOATS = 16;
const PAGE = 65536;

/** Floats an arena needs for buffers of these sizes (each rounded up to a cache line). */
export function arenaFloats(sizes: readonly number[]): number {
  let n = 0;
  for (const s of sizes) n += Math.ceil(s / ALIGN_FLOATS) * ALIGN_FLOATS;
  return n;
}

/**
 * Sizes a run of allocations without making them: the Executor lays out its plan once with this to learn
 * how big the arena must be, because a WebAssembly.Memory that grows later detaches every view into it.
 */
export class ArenaMeasure {
  floats = 0;
  private readonly empty = new Float32Array(0);
  alloc = (size: number): Float32Array => {
    this.floats += Math.ceil(size / ALIGN_FLOATS) * ALIGN_FLOATS;
    return this.empty;
  };
}

/**
 * One WebAssembly.Memory holding every f32 buffer of an executor (values, gradients, parameters, scratch),
 * so the SIMD kernels work on the plan's buffers in place, without copies. Sized once, never grown.
 */
export class Arena {
  readonly memory: WebAssembly.Memory;
  private next = WASM_RESERVED_BYTES;
  private readonly end: number;

  private constructor(floats: number, readonly flavor: KernelFlavor) {
    const bytes = WASM_RESERVED_BYTES + floats * 4 + ALIGN_FLOATS * 4;
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
    this.end = this.memory.buffer.byteLength;
    const kernels = instantiateKernels(this.memory, flavor);
    if (!kernels) throw new Error('wasm kernels unavailable');
    registerArena(this.memory.buffer, kernels);
  }

  /**
   * An arena for `floats` floats of buffers whose kernels are of that flavor (default: FMA where the
   * runtime has relaxed SIMD), or null where those wasm kernels cannot run.
   */
  static tryCreate(floats: number, flavor: KernelFlavor = preferredFlavor()): Arena | null {
    if (!kernelModule(flavor)) return null;
    return new Arena(floats, flavor);
  }

  alloc = (size: number): Float32Array => {
    const a = new Float32Array(this.memory.buffer, this.next, size);
    this.next += Math.ceil(size / ALIGN_FLOATS) * ALIGN_FLOATS * 4;
    if (this.next > this.end) throw new Error('arena overflow: the measuring pass and the real layout disagree');
    return a;
  };

  get usedBytes(): number {
    return this.next;
  }
}
