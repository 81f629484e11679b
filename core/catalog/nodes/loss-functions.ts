import type { Buf } from '../../util/tensor';

/** log(p) is clamped here, as PyTorch's BCELoss does, so a confident wrong answer costs 100, not ∞. */
const LOG_FLOOR = -100;

/**
 * One loss: `forward` returns the batch mean, `backward` ADDS its gradient to dP. P is the prediction,
 * T the encoded target, both `[n, size]`. `rowScratch` (n values) lets the fused cross-entropy keep each
 * row's log-sum-exp from forward for backward.
 */
export interface LossFunction {
  forward(P: Buf, T: Buf, n: number, size: number, rowScratch: Buf): number;
  backward(P: Buf, T: Buf, dP: Buf, n: number, size: number, rowScratch: Buf): void;
}

export const mse: LossFunction = {
  forward(P, T, n, size) {
    let s = 0;
    for (let i = 0; i < n * size; i++) { const d = P[i]! - T[i]!; s += d * d; }
    return s / (n * size);
  },
  backward(P, T, dP, n, size) {
    const k = 2 / (n * size);
    for (let i = 0; i < n * size; i++) dP[i] += k * (P[i]! - T[i]!);
  },
};

export const mae: LossFunction = {
  forward(P, T, n, size) {
    let s = 0;
    for (let i = 0; i < n * size; i++) s += Math.abs(P[i]! - T[i]!);
    return s / (n * size);
  },
  backward(P, T, dP, n, size) {
    const k = 1 / (n * size);
    for (let i = 0; i < n * size; i++) dP[i] += k * Math.sign(P[i]! - T[i]!);
  },
};

export const bce: LossFunction = {
  forward(P, T, n) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const p = P[i]!, y = T[i]!;
      s -= y * Math.max(Math.log(p), LOG_FLOOR) + (1 - y) * Math.max(Math.log(1 - p), LOG_FLOOR);
    }
    return s / n;
  },
  backward(P, T, dP, n) {
    // The same guarded form as PyTorch: (p − y) / max(p(1−p), 1e-12) / n.
    for (let i = 0; i < n; i++) {
      const p = P[i]!;
      dP[i] += (p - T[i]!) / Math.max(p * (1 - p), 1e-12) / n;
    }
  },
};

/** Sigmoid + BCE on a logit x, stably: max(x, 0) − x·y + log(1 + e^−|x|). */
export const bceLogits: LossFunction = {
  forward(P, T, n) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const x = P[i]!, y = T[i]!;
      s += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
    }
    return s / n;
  },
  backward(P, T, dP, n) {
    for (let i = 0; i < n; i++) dP[i] += (1 / (1 + Math.exp(-P[i]!)) - T[i]!) / n;
  },
};

/** Softmax + cross-entropy on logits (fused): −Σ y·(x − logΣeˣ), gradient softmax(x)·Σy − y. */
export const crossEntropyLogits: LossFunction = {
  forward(P, T, n, size, lse) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const o = i * size;
      let m = -Infinity;
      for (let j = 0; j < size; j++) m = Math.max(m, P[o + j]!);
      let z = 0;
      for (let j = 0; j < size; j++) z += Math.exp(P[o + j]! - m);
      const rowLse = m + Math.log(z);
      lse[i] = rowLse;
      for (let j = 0; j < size; j++) { const y = T[o + j]!; if (y !== 0) s -= y * (P[o + j]! - rowLse); }
    }
    return s / n;
  },
  backward(P, T, dP, n, size, lse) {
    for (let i = 0; i < n; i++) {
      const o = i * size;
      let ty = 0;
      for (let j = 0; j < size; j++) ty += T[o + j]!;
      for (let j = 0; j < size; j++) dP[o + j] += (Math.exp(P[o + j]! - lse[i]!) * ty - T[o + j]!) / n;
    }
  },
};

/** Cross-entropy on probabilities (not fused): −Σ y·log p, with log clamped like bce. */
export const crossEntropyProbabilities: LossFunction = {
  forward(P, T, n, size) {
    let s = 0;
    for (let i = 0; i < n * size; i++) { const y = T[i]!; if (y !== 0) s -= y * Math.max(Math.log(P[i]!), LOG_FLOOR); }
    return s / n;
  },
  backward(P, T, dP, n, size) {
    for (let i = 0; i < n * size; i++) {
      const y = T[i]!;
      if (y !== 0) dP[i] -= y / Math.max(P[i]!, Math.exp(LOG_FLOOR)) / n;
    }
  },
};
