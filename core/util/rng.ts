/**
 * Seeded pseudo-random numbers. mulberry32 is tiny, fast and has a 2^32 period, which is plenty for
 * shuffles, initialisers and toy datasets; it is also what the benchmark protocol prescribes, so the
 * same seed reproduces the same weights in NetLoom, in exported PyTorch code and in the bench.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller; caches the second value). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Current internal state, to fork or snapshot a stream. */
  state(): number;
}

export function mulberry32(seed: number): Rng {
  let a = seed | 0;
  let spare = 0;
  let hasSpare = false;
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      let u = next();
      while (u <= 1e-300) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      hasSpare = true;
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      return Math.floor(next() * n);
    },
    state() {
      return a;
    },
  };
}

/** Derive an independent seed for a named sub-stream (data, weights, dropout, shuffle) from one user seed. */
export function deriveSeed(seed: number, stream: string): number {
  let h = (seed ^ 0x9e3779b9) | 0;
  for (let i = 0; i < stream.length; i++) {
    h = Math.imul(h ^ stream.charCodeAt(i), 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h | 0;
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace(a: Int32Array | number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
