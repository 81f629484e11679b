import { describe, expect, it } from 'vitest';
import { applyOp, arithmeticDataset, type ArithmeticOp } from '../../../core/datasets/arithmetic';
import type { DataSplit } from '../../../core/datasets/types';
import { noResources } from './memory-resources';

function operands(s: DataSplit): number[] {
  return Array.from(s.inputs);
}

describe('arithmetic', () => {
  it('is deterministic per seed, including the extrapolation split', async () => {
    const a = await arithmeticDataset.load({ op: 'mul' }, 5, noResources);
    const b = await arithmeticDataset.load({ op: 'mul' }, 5, noResources);
    const c = await arithmeticDataset.load({ op: 'mul' }, 6, noResources);
    expect(b).toEqual(a);
    expect(c.train.inputs).not.toEqual(a.train.inputs);
    expect(c.extra!.extrapolation!.inputs).not.toEqual(a.extra!.extrapolation!.inputs);
  });

  it('has two operands in, one number out, and a quarter-size extrapolation split', async () => {
    const d = await arithmeticDataset.load({}, 1, noResources);
    expect(d.info).toEqual({ inputShape: [2], target: { kind: 'regression', size: 1 }, featureNames: ['a', 'b'] });
    expect(d.train.count + d.validation.count).toBe(1000);
    expect(d.validation.count).toBe(200);
    expect(d.extra!.extrapolation!.count).toBe(250);
  });

  it.each(['add', 'sub', 'mul', 'div'] as ArithmeticOp[])('targets a %s b in every split', async (op) => {
    const d = await arithmeticDataset.load({ op, samples: 100 }, 2, noResources);
    for (const s of [d.train, d.validation, d.extra!.extrapolation!]) {
      for (let i = 0; i < s.count; i++) {
        const want = applyOp(op, s.inputs[2 * i]!, s.inputs[2 * i + 1]!);
        expect(Math.abs(s.targets[i]! - want)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want)));
      }
    }
  });

  it('draws train operands from [trainMin, trainMax) and extrapolation operands above trainMax', async () => {
    const d = await arithmeticDataset.load({ samples: 2000 }, 3, noResources);
    const train = [...operands(d.train), ...operands(d.validation)];
    expect(Math.min(...train)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...train)).toBeLessThan(10);
    const far = operands(d.extra!.extrapolation!);
    expect(Math.min(...far)).toBeGreaterThan(10);
    expect(Math.max(...far)).toBeLessThanOrEqual(100);
    // The range is used, not just bounded: operands reach well beyond the train range.
    expect(Math.max(...far)).toBeGreaterThan(90);
  });

  it('rewards learning the rule and punishes memorising: a linear fit extrapolates add, nearest-neighbour does not', async () => {
    const d = await arithmeticDataset.load({ samples: 500 }, 4, noResources);
    const far = d.extra!.extrapolation!;
    // Least squares y ≈ w1·a + w2·b + c on train (what a NAC learns), via the 3×3 normal equations.
    const A = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    const r = [0, 0, 0];
    for (let i = 0; i < d.train.count; i++) {
      const x = [d.train.inputs[2 * i]!, d.train.inputs[2 * i + 1]!, 1];
      for (let j = 0; j < 3; j++) {
        r[j]! += x[j]! * d.train.targets[i]!;
        for (let k = 0; k < 3; k++) A[j]![k]! += x[j]! * x[k]!;
      }
    }
    const w = solve3(A, r);
    let linearErr = 0;
    let nearestErr = 0;
    for (let i = 0; i < far.count; i++) {
      const [a, b, y] = [far.inputs[2 * i]!, far.inputs[2 * i + 1]!, far.targets[i]!];
      linearErr += Math.abs(w[0]! * a + w[1]! * b + w[2]! - y) / Math.abs(y);
      let best = Infinity;
      let guess = 0;
      for (let j = 0; j < d.train.count; j++) {
        const dist = Math.hypot(d.train.inputs[2 * j]! - a, d.train.inputs[2 * j + 1]! - b);
        if (dist < best) [best, guess] = [dist, d.train.targets[j]!];
      }
      nearestErr += Math.abs(guess - y) / Math.abs(y);
    }
    expect(linearErr / far.count).toBeLessThan(0.05);
    expect(nearestErr / far.count).toBeGreaterThan(0.2);
  });

  it('rejects ranges that contradict each other or let a divisor near 0', () => {
    expect(() => arithmeticDataset.describe({ trainMin: 10, trainMax: 5 })).toThrow('trainMax: must be greater than trainMin (10), got 5');
    expect(() => arithmeticDataset.describe({ op: 'div', trainMin: 0 })).toThrow(/^trainMin: must be at least trainMax \/ 100 \(0\.1\) when op is "div"/);
    expect(() => arithmeticDataset.describe({ op: 'add', trainMin: 0 })).not.toThrow();
    expect(() => arithmeticDataset.describe({ op: 'pow' })).toThrow('op: must be one of add, sub, mul, div, got "pow"');
  });
});

function solve3(A: number[][], b: number[]): number[] {
  const m = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < 3; c++) {
    const p = m.slice(c).reduce((best, row, i) => (Math.abs(row[c]!) > Math.abs(m[best]![c]!) ? c + i : best), c);
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k < 4; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[3]! / row[i]!);
}
