/** Per-sample shape: the batch axis is never part of it (the UI shows it as `B`). */
export type Shape = readonly number[];

/**
 * A buffer of numbers. The engine runs in float32; gradient checks run the same kernels in float64
 * so that finite differences are meaningful. Kernels must therefore be written against `Buf`.
 */
export type Buf = Float32Array | Float64Array;
export type DType = 'f32' | 'f64';

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function formatShape(shape: Shape, batch = true): string {
  return `[${(batch ? ['B', ...shape] : shape).join(', ')}]`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function allocBuf(dtype: DType, size: number): Buf {
  return dtype === 'f64' ? new Float64Array(size) : new Float32Array(size);
}
