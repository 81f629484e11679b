import { describe, expect, it } from 'vitest';
import { planeDataset } from '../../../core/datasets/plane';
import { sineDataset } from '../../../core/datasets/sine';
import { noResources } from './memory-resources';

describe.each([planeDataset, sineDataset])('$name', (kind) => {
  it('is deterministic per seed and differs across seeds', async () => {
    const a = await kind.load({}, 11, noResources);
    const b = await kind.load({}, 11, noResources);
    const c = await kind.load({}, 12, noResources);
    expect(b.train).toEqual(a.train);
    expect(b.validation).toEqual(a.validation);
    expect(c.train.targets).not.toEqual(a.train.targets);
  });

  it('is a one-number regression with the default 80/20 split', async () => {
    const d = await kind.load({}, 1, noResources);
    expect(d.info.target).toEqual({ kind: 'regression', size: 1 });
    expect(d.info).toEqual(kind.describe({}));
    expect(d.train.count).toBe(320);
    expect(d.validation.count).toBe(80);
    expect(d.train.targets.length).toBe(320);
  });
});

describe('plane', () => {
  it('targets (x1 + x2) / 10 exactly without noise', async () => {
    const d = await planeDataset.load({ noise: 0 }, 2, noResources);
    for (let i = 0; i < d.train.count; i++) {
      const [x1, x2] = [d.train.inputs[2 * i]!, d.train.inputs[2 * i + 1]!];
      expect(Math.abs(x1)).toBeLessThanOrEqual(6);
      expect(d.train.targets[i]).toBeCloseTo((x1 + x2) / 10, 5);
    }
  });

  it('keeps noisy targets within ±1.2·noise of the plane', async () => {
    const d = await planeDataset.load({ noise: 0.5, samples: 1000 }, 2, noResources);
    let worst = 0;
    for (let i = 0; i < d.train.count; i++) {
      const clean = (d.train.inputs[2 * i]! + d.train.inputs[2 * i + 1]!) / 10;
      worst = Math.max(worst, Math.abs(d.train.targets[i]! - clean));
    }
    expect(worst).toBeLessThanOrEqual(0.6 + 1e-5);
    expect(worst).toBeGreaterThan(0.3);
  });
});

describe('sine', () => {
  it('has one input in [-π, π] and targets sin(x) without noise', async () => {
    const d = await sineDataset.load({ noise: 0 }, 3, noResources);
    expect(d.info.inputShape).toEqual([1]);
    for (let i = 0; i < d.train.count; i++) {
      const x = d.train.inputs[i]!;
      expect(Math.abs(x)).toBeLessThanOrEqual(Math.PI + 1e-6);
      expect(d.train.targets[i]).toBeCloseTo(Math.sin(x), 5);
    }
  });

  it('adds Gaussian noise with standard deviation `noise`', async () => {
    const d = await sineDataset.load({ noise: 0.3, samples: 20000, validationSplit: 0 }, 3, noResources);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < d.train.count; i++) {
      const r = d.train.targets[i]! - Math.sin(d.train.inputs[i]!);
      sum += r;
      sq += r * r;
    }
    const mean = sum / d.train.count;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.sqrt(sq / d.train.count - mean * mean)).toBeCloseTo(0.3, 1);
  });
});
