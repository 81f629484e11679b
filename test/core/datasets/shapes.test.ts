import { describe, expect, it } from 'vitest';
import { createNodeResources } from '../../../cli/resources';
import { mnistDataset } from '../../../core/datasets/mnist';
import { shapesDataset } from '../../../core/datasets/shapes';
import { noResources } from './memory-resources';

describe('shapes', () => {
  it('gives [3, 16, 16] colour images in [0, 1] of four balanced classes', async () => {
    const d = await shapesDataset.load({ samples: 400 }, 1, noResources);
    expect(d.info).toEqual({ inputShape: [3, 16, 16], target: { kind: 'classes', classes: 4 } });
    expect(d.train.count + d.validation.count).toBe(400);
    expect(d.train.inputs.length).toBe(d.train.count * 768);
    for (const v of d.train.inputs) expect(v >= 0 && v <= 1).toBe(true);
    const perClass = [0, 0, 0, 0];
    for (const s of [d.train, d.validation]) for (const t of s.targets) perClass[t]!++;
    expect(perClass).toEqual([100, 100, 100, 100]);
  });

  it('is deterministic per seed and varies with it', async () => {
    const a = await shapesDataset.load({ samples: 40 }, 3, noResources);
    const b = await shapesDataset.load({ samples: 40 }, 3, noResources);
    const c = await shapesDataset.load({ samples: 40 }, 4, noResources);
    expect(b.train.inputs).toEqual(a.train.inputs);
    expect(c.train.inputs).not.toEqual(a.train.inputs);
  });

  it('draws shapes that differ in outline, not in brightness alone', async () => {
    // Without noise, every image has a bright shape on a dark background: some pixels ≥ 0.45, some ≤ 0.25.
    const d = await shapesDataset.load({ samples: 40, noise: 0 }, 2, noResources);
    for (let i = 0; i < d.train.count; i++) {
      const img = d.train.inputs.subarray(i * 768, (i + 1) * 768);
      const bright = img.filter((v) => v >= 0.45).length / 3;
      expect(bright).toBeGreaterThan(12);
      expect(bright).toBeLessThan(200);
    }
  });

  it('refuses a bad param by name', () => {
    expect(() => shapesDataset.describe({ noise: 3 })).toThrow(/noise/);
  });
});

describe('mnist layout', () => {
  it('stays flat by default and gives [1, 28, 28] with layout "image", same pixels', async () => {
    expect(mnistDataset.describe({}).inputShape).toEqual([784]);
    expect(mnistDataset.describe({ layout: 'image' }).inputShape).toEqual([1, 28, 28]);
    const node = createNodeResources(process.cwd());
    const flat = await mnistDataset.load({ samples: 50 }, 1, node);
    const image = await mnistDataset.load({ samples: 50, layout: 'image' }, 1, node);
    expect(image.train.inputs).toEqual(flat.train.inputs);
    expect(() => mnistDataset.describe({ layout: 'grid' })).toThrow(/layout: must be one of flat, image/);
  });
});
