import { describe, expect, it } from 'vitest';
import { getDataset } from '../../../core/datasets/index';
import { irisDataset } from '../../../core/datasets/iris';
import { noResources } from './memory-resources';

describe('iris', () => {
  it('has the 150 flowers, 50 per species, four named measurements', async () => {
    expect(getDataset('iris')).toBe(irisDataset);
    const d = await irisDataset.load({ validationSplit: 0.2 }, 1, noResources);
    expect(d.info).toEqual({ inputShape: [4], target: { kind: 'classes', classes: 3 }, featureNames: ['sepal length', 'sepal width', 'petal length', 'petal width'] });
    expect(d.train.count).toBe(120);
    expect(d.validation.count).toBe(30);
    const counts = [0, 0, 0];
    for (const s of [d.train, d.validation]) for (let i = 0; i < s.count; i++) counts[s.targets[i]!]!++;
    expect(counts).toEqual([50, 50, 50]);
  });

  it('keeps centimetres when not standardised (the first flower is 5.1, 3.5, 1.4, 0.2)', async () => {
    const d = await irisDataset.load({ standardize: false, validationSplit: 0 }, 1, noResources);
    const rows = Array.from({ length: 150 }, (_, i) => Array.from(d.train.inputs.subarray(i * 4, i * 4 + 4)).map((v) => Math.round(v * 10) / 10));
    expect(rows).toContainEqual([5.1, 3.5, 1.4, 0.2]);
    expect(Math.max(...rows.map((r) => r[2]!))).toBeCloseTo(6.9, 5);
  });

  it('standardises each measurement to mean 0 and spread 1 by default', async () => {
    const d = await irisDataset.load({ validationSplit: 0 }, 1, noResources);
    for (let f = 0; f < 4; f++) {
      let mean = 0, sq = 0;
      for (let i = 0; i < 150; i++) mean += d.train.inputs[i * 4 + f]! / 150;
      for (let i = 0; i < 150; i++) sq += (d.train.inputs[i * 4 + f]! - mean) ** 2 / 150;
      expect(mean).toBeCloseTo(0, 5);
      expect(sq).toBeCloseTo(1, 4);
    }
  });
});
