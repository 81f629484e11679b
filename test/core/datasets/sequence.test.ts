import { describe, expect, it } from 'vitest';
import { sequenceDataset, sequenceLayout } from '../../../core/datasets/sequence';
import type { DataSplit } from '../../../core/datasets/types';
import { mulberry32 } from '../../../core/util/rng';
import { noResources } from './memory-resources';

const T = 8;
const D = 12;
const C = 2;
const L = sequenceLayout(D, C);

function token(s: DataSplit, row: number, t: number): Float32Array {
  return s.inputs.subarray((row * T + t) * D, (row * T + t + 1) * D);
}

/**
 * One attention head with hand-set weights, then mean pooling and an argmax readout: the query token's
 * query reads the query slot (scale 20), every key reads its key slot, and a marker term (5) makes the
 * other tokens attend to the query token, whose value slot is empty.
 */
function oracleAttention(s: DataSplit, row: number): number {
  const pooled = new Float64Array(C);
  for (let t = 0; t < T; t++) {
    const qt = token(s, row, t);
    const scores = Array.from({ length: T }, (_, u) => {
      const ku = token(s, row, u);
      let dot = 0;
      for (let d = 0; d < L.keyDims; d++) dot += 20 * qt[L.queryStart + d]! * ku[L.keyStart + d]!;
      return dot + 5 * ku[L.marker]!;
    });
    const max = Math.max(...scores);
    const w = scores.map((x) => Math.exp(x - max));
    const z = w.reduce((a, b) => a + b, 0);
    for (let u = 0; u < T; u++) for (let c = 0; c < C; c++) pooled[c]! += (w[u]! / z) * token(s, row, u)[L.valueStart + c]! / T;
  }
  return pooled[1]! > pooled[0]! ? 1 : 0;
}

/** Dense(128, relu) with fixed random weights → MeanPool → trained Dense: a no-attention baseline. */
function meanPoolBaseline(train: DataSplit, trainLabels: ArrayLike<number>, test: DataSplit, testLabels: ArrayLike<number>): number {
  const H = 128;
  const rng = mulberry32(99);
  const W = Float64Array.from({ length: H * D }, () => rng.normal() / Math.sqrt(D));
  const b = Float64Array.from({ length: H }, () => rng.normal() * 0.5);
  const features = (s: DataSplit) => {
    const f = new Float64Array(s.count * H);
    for (let r = 0; r < s.count; r++) {
      for (let t = 0; t < T; t++) {
        const x = token(s, r, t);
        for (let h = 0; h < H; h++) {
          let a = b[h]!;
          for (let d = 0; d < D; d++) a += W[h * D + d]! * x[d]!;
          f[r * H + h]! += Math.max(0, a) / T;
        }
      }
    }
    return f;
  };
  const ftr = features(train);
  const fte = features(test);
  // Logistic regression by full-batch gradient descent on the pooled features.
  const w = new Float64Array(H);
  let bias = 0;
  for (let epoch = 0; epoch < 300; epoch++) {
    const g = new Float64Array(H);
    let gb = 0;
    for (let r = 0; r < train.count; r++) {
      let z = bias;
      for (let h = 0; h < H; h++) z += w[h]! * ftr[r * H + h]!;
      const err = 1 / (1 + Math.exp(-z)) - trainLabels[r]!;
      for (let h = 0; h < H; h++) g[h]! += err * ftr[r * H + h]!;
      gb += err;
    }
    for (let h = 0; h < H; h++) w[h]! -= (0.5 * g[h]!) / train.count;
    bias -= (0.5 * gb) / train.count;
  }
  let correct = 0;
  for (let r = 0; r < test.count; r++) {
    let z = bias;
    for (let h = 0; h < H; h++) z += w[h]! * fte[r * H + h]!;
    if ((z > 0 ? 1 : 0) === testLabels[r]) correct++;
  }
  return correct / test.count;
}

/** The label of an additive task on the same data: which value class is most common. */
function majorityLabels(s: DataSplit): Float32Array {
  return Float32Array.from({ length: s.count }, (_, r) => {
    let ones = 0;
    for (let t = 0; t < T; t++) ones += token(s, r, t)[L.valueStart + 1]!;
    return ones > (T - 1) / 2 ? 1 : 0;
  });
}

describe('sequence', () => {
  it('is deterministic per seed and differs across seeds', async () => {
    const a = await sequenceDataset.load({ samples: 100 }, 1, noResources);
    const b = await sequenceDataset.load({ samples: 100 }, 1, noResources);
    const c = await sequenceDataset.load({ samples: 100 }, 2, noResources);
    expect(b).toEqual(a);
    expect(c.train.inputs).not.toEqual(a.train.inputs);
  });

  it('has [length, dims] inputs and a class target', async () => {
    expect(sequenceDataset.describe({})).toEqual({ inputShape: [8, 12], target: { kind: 'binary' } });
    expect(sequenceDataset.describe({ length: 6, dims: 20, classes: 4 })).toEqual({ inputShape: [6, 20], target: { kind: 'classes', classes: 4 } });
    const d = await sequenceDataset.load({ samples: 50, length: 6, dims: 20, classes: 4 }, 1, noResources);
    expect(d.train.inputs.length).toBe(40 * 6 * 20);
    expect(Math.max(...d.train.targets)).toBeLessThan(4);
  });

  it('labels each sequence with the value of the token most similar to the single query token', async () => {
    const d = await sequenceDataset.load({ samples: 300 }, 3, noResources);
    const s = d.train;
    for (let r = 0; r < s.count; r++) {
      const tokens = Array.from({ length: T }, (_, t) => token(s, r, t));
      const queries = tokens.filter((x) => x[L.marker] === 1);
      expect(queries).toHaveLength(1);
      const q = queries[0]!.subarray(L.queryStart, L.queryStart + L.keyDims);
      let best: Float32Array | null = null;
      let bestScore = -Infinity;
      for (const x of tokens) {
        if (x[L.marker] === 1) continue;
        const score = q.reduce((acc, v, d) => acc + v * x[L.keyStart + d]!, 0);
        if (score > bestScore) [best, bestScore] = [x, score];
      }
      const value = Array.from(best!.subarray(L.valueStart, L.valueStart + C)).indexOf(1);
      expect(value).toBe(s.targets[r]);
    }
  });

  it('has balanced labels', async () => {
    const d = await sequenceDataset.load({ samples: 2000, validationSplit: 0 }, 4, noResources);
    const ones = d.train.targets.reduce((a, b) => a + b, 0);
    expect(ones / d.train.count).toBeGreaterThan(0.45);
    expect(ones / d.train.count).toBeLessThan(0.55);
  });

  it('is solved by one attention head followed by mean pooling', async () => {
    const d = await sequenceDataset.load({ samples: 500 }, 5, noResources);
    let correct = 0;
    for (let r = 0; r < d.train.count; r++) if (oracleAttention(d.train, r) === d.train.targets[r]) correct++;
    expect(correct / d.train.count).toBeGreaterThan(0.97);
  });

  it('stays at chance for per-token features averaged over tokens, which do learn an additive task', async () => {
    const d = await sequenceDataset.load({ samples: 2000 }, 6, noResources);
    const matching = meanPoolBaseline(d.train, d.train.targets, d.validation, d.validation.targets);
    expect(matching).toBeLessThan(0.6);
    const majority = meanPoolBaseline(d.train, majorityLabels(d.train), d.validation, majorityLabels(d.validation));
    expect(majority).toBeGreaterThan(0.85);
  });

  it('rejects sizes that cannot hold the layout, naming the param', () => {
    expect(() => sequenceDataset.describe({ dims: 8, classes: 4 })).toThrow('dims: must be at least 5 + classes = 9');
    expect(() => sequenceDataset.describe({ length: 4, classes: 4, dims: 20 })).toThrow('length: must be at least classes + 1 = 5');
  });
});
