// AssemblyScript: fixed scratch areas at the bottom of the arena, below WASM_RESERVED_BYTES
// (core/kernels/wasm/module.ts), where the GEMM packs the blocks it reuses. Each arena has its own memory
// and module instance, so no two runs share them. `scratchEnd()` lets a test check the TS side reserves enough.

/** Packed B block: KC × NC floats (256 × 256). */
export const PACK_B: usize = 1024;
/** Packed transposed-A row block: KC × 4 floats. */
export const PACK_A: usize = PACK_B + 256 * 256 * 4;
const END: usize = PACK_A + 256 * 4 * 4;

/** First byte after the scratch areas. */
export function scratchEnd(): usize {
  return END;
}
