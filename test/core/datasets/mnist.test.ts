import { describe, expect, it } from 'vitest';
import { createNodeResources } from '../../../cli/resources';
import { balancedQuotas, mnistDataset } from '../../../core/datasets/mnist';
import { memoryResources } from './memory-resources';

const node = createNodeResources(process.cwd());

describe('mnist', () => {
  it('loads from the installed package: 784 pixels in [0, 1], ten balanced classes', async () => {
    const d = await mnistDataset.load({ samples: 500 }, 1, node);
    expect(d.info).toEqual({ inputShape: [784], target: { kind: 'classes', classes: 10 } });
    expect(d.train.count).toBe(400);
    expect(d.validation.count).toBe(100);
    expect(d.train.inputs.length).toBe(400 * 784);
    let min = Infinity;
    let max = -Infinity;
    for (const v of d.train.inputs) [min, max] = [Math.min(min, v), Math.max(max, v)];
    expect(min).toBe(0);
    expect(max).toBeGreaterThan(0.9);
    expect(max).toBeLessThanOrEqual(1);
    const perClass = new Array(10).fill(0);
    for (const s of [d.train, d.validation]) for (const t of s.targets) perClass[t]++;
    expect(perClass).toEqual(new Array(10).fill(50));
  });

  it('hands the loader one flat array per digit, 10 000 images in all', async () => {
    const digits = await node.mnistDigits();
    expect(digits).toHaveLength(10);
    const total = digits.reduce((n, d) => n + d.length / 784, 0);
    expect(total).toBe(10_000);
    for (const d of digits) expect(d.length % 784).toBe(0);
  });

  it('is deterministic per seed and picks different images for another seed', async () => {
    const a = await mnistDataset.load({ samples: 100 }, 3, node);
    const b = await mnistDataset.load({ samples: 100 }, 3, node);
    const c = await mnistDataset.load({ samples: 100 }, 4, node);
    expect(b.train.inputs).toEqual(a.train.inputs);
    expect(b.validation.targets).toEqual(a.validation.targets);
    expect(c.train.inputs).not.toEqual(a.train.inputs);
  });

  it('spreads samples evenly, giving spare places to digits that still have images', () => {
    expect(balancedQuotas([5, 1, 5], 9)).toEqual([4, 1, 4]);
    expect(balancedQuotas([5, 5, 5], 7)).toEqual([3, 2, 2]);
    expect(balancedQuotas([2, 3], 5)).toEqual([2, 3]);
  });

  it('refuses more samples than there are images, and malformed resources', async () => {
    const tiny = Array.from({ length: 10 }, () => new Float32Array(784 * 2));
    await expect(mnistDataset.load({ samples: 30 }, 1, memoryResources({}, tiny))).rejects.toThrow(
      'samples: must be at most 20, the number of MNIST images available, got 30',
    );
    await expect(mnistDataset.load({ samples: 10 }, 1, memoryResources({}, tiny.slice(0, 9)))).rejects.toThrow('MNIST resources must hold 10 digits, got 9');
    const ragged = [...tiny.slice(0, 9), new Float32Array(100)];
    await expect(mnistDataset.load({ samples: 10 }, 1, memoryResources({}, ragged))).rejects.toThrow('MNIST digit 9 has 100 numbers');
    expect(() => mnistDataset.describe({ samples: 20_000 })).toThrow('samples: must be an integer in [10, 10000], got 20000');
  });
});
