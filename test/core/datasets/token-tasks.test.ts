import { describe, expect, it } from 'vitest';
import { balancedParensDataset, isBalanced } from '../../../core/datasets/balanced-parens';
import { copyFirstDataset } from '../../../core/datasets/copy-first';
import { countTokensDataset } from '../../../core/datasets/count-tokens';
import { getDataset } from '../../../core/datasets/index';
import { parityDataset } from '../../../core/datasets/parity';
import type { DataSplit, DatasetKind } from '../../../core/datasets/types';
import { noResources } from './memory-resources';

/** Every row of a token-encoded split, as token arrays with their labels. */
function rows(s: DataSplit, T: number): { tokens: number[]; label: number }[] {
  return Array.from({ length: s.count }, (_, i) => ({ tokens: Array.from(s.inputs.subarray(i * T, (i + 1) * T)), label: s.targets[i]! }));
}

const TASKS: [DatasetKind, Record<string, unknown>, number, (tokens: number[]) => number, number][] = [
  [parityDataset, { length: 9 }, 2, (t) => t.reduce((a, b) => a ^ b, 0), 2],
  [copyFirstDataset, { length: 30, vocab: 5 }, 5, (t) => t[0]!, 5],
  [countTokensDataset, { length: 10, vocab: 4, maxCount: 3 }, 4, (t) => t.filter((v) => v === 1).length, 4],
  [balancedParensDataset, { length: 10 }, 2, (t) => (isBalanced(t) ? 1 : 0), 2],
];

describe.each(TASKS)('$name', (kind, params, vocab, label, classes) => {
  const T = params.length as number;

  it('is registered and deterministic per seed', async () => {
    expect(getDataset(kind.name)).toBe(kind);
    const a = await kind.load({ ...params, samples: 300 }, 3, noResources);
    const b = await kind.load({ ...params, samples: 300 }, 3, noResources);
    const c = await kind.load({ ...params, samples: 300 }, 4, noResources);
    expect(b.train.inputs).toEqual(a.train.inputs);
    expect(b.validation.targets).toEqual(a.validation.targets);
    expect(c.train.inputs).not.toEqual(a.train.inputs);
  });

  it('labels every sequence by the rule, with every class common', async () => {
    const d = await kind.load({ ...params, samples: 2000 }, 1, noResources);
    expect(d.info.inputShape).toEqual([T]);
    expect(d.info.target).toEqual(classes === 2 ? { kind: 'binary' } : { kind: 'classes', classes });
    const all = [...rows(d.train, T), ...rows(d.validation, T)];
    const counts = new Array<number>(classes).fill(0);
    for (const r of all) {
      expect(r.tokens.every((v) => Number.isInteger(v) && v >= 0 && v < vocab)).toBe(true);
      expect(r.label).toBe(label(r.tokens));
      counts[r.label]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan((0.6 * all.length) / classes);
  });

  it('gives the same sequences one-hot, [T, vocab]', async () => {
    const tokens = await kind.load({ ...params, samples: 100 }, 5, noResources);
    const oneHot = await kind.load({ ...params, samples: 100, encoding: 'one-hot' }, 5, noResources);
    expect(oneHot.info.inputShape).toEqual([T, vocab]);
    expect(kind.describe({ ...params, encoding: 'one-hot' }).inputShape).toEqual([T, vocab]);
    expect(oneHot.train.targets).toEqual(tokens.train.targets);
    for (let i = 0; i < tokens.train.count * T; i++) {
      const v = oneHot.train.inputs.subarray(i * vocab, (i + 1) * vocab);
      expect(Array.from(v).reduce((a, b) => a + b, 0)).toBe(1);
      expect(v[tokens.train.inputs[i]!]).toBe(1);
    }
  });
});

describe('memory task params', () => {
  it('balanced-parens refuses an odd length, saying why', () => {
    expect(() => balancedParensDataset.describe({ length: 7 })).toThrow('length: must be even, since an odd number of brackets can never balance, got 7');
  });

  it('balanced-parens makes half of its unbalanced rows with equal bracket counts, so counting is not enough', async () => {
    const d = await balancedParensDataset.load({ length: 12, samples: 2000 }, 2, noResources);
    const bad = rows(d.train, 12).filter((r) => r.label === 0);
    const equal = bad.filter((r) => r.tokens.filter((v) => v === 0).length === 6);
    expect(equal.length / bad.length).toBeGreaterThan(0.4);
    expect(equal.length / bad.length).toBeLessThan(0.6);
  });

  it('count-tokens refuses more copies than positions', () => {
    expect(() => countTokensDataset.describe({ length: 5, maxCount: 6 })).toThrow(/maxCount: must be at most length \(5\)/);
  });

  it('rejects an unknown encoding, naming the options', () => {
    expect(() => copyFirstDataset.describe({ encoding: 'ascii' })).toThrow(/encoding: .*tokens.*one-hot/);
  });
});
