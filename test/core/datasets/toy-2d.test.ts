import { describe, expect, it } from 'vitest';
import { circleDataset } from '../../../core/datasets/circle';
import { blobCentre, gaussiansDataset } from '../../../core/datasets/gaussians';
import { spiralDataset } from '../../../core/datasets/spiral';
import { xorDataset } from '../../../core/datasets/xor';
import type { DataSplit, LoadedDataset } from '../../../core/datasets/types';
import { noResources } from './memory-resources';

/** Train and validation rows together, as [x, y, label] triples. */
function points(d: LoadedDataset): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const s of [d.train, d.validation] as DataSplit[]) {
    for (let i = 0; i < s.count; i++) out.push([s.inputs[2 * i]!, s.inputs[2 * i + 1]!, s.targets[i]!]);
  }
  return out;
}

describe.each([xorDataset, circleDataset, gaussiansDataset, spiralDataset])('$name', (kind) => {
  it('is deterministic per seed and differs across seeds', async () => {
    const a = await kind.load({ samples: 200 }, 7, noResources);
    const b = await kind.load({ samples: 200 }, 7, noResources);
    const c = await kind.load({ samples: 200 }, 8, noResources);
    expect(b.train.inputs).toEqual(a.train.inputs);
    expect(b.train.targets).toEqual(a.train.targets);
    expect(b.validation.inputs).toEqual(a.validation.inputs);
    expect(c.train.inputs).not.toEqual(a.train.inputs);
  });

  it('splits samples into train and validation by validationSplit', async () => {
    const d = await kind.load({ samples: 250, validationSplit: 0.3 }, 1, noResources);
    expect(d.validation.count).toBe(75);
    expect(d.train.count).toBe(175);
    expect(d.train.inputs.length).toBe(175 * 2);
    expect(d.train.targets.length).toBe(175);
    expect(d.validation.inputs.length).toBe(75 * 2);
    const none = await kind.load({ samples: 50, validationSplit: 0 }, 1, noResources);
    expect(none.validation.count).toBe(0);
    expect(none.train.count).toBe(50);
  });

  it('has a 2D input and the info describe() promises', async () => {
    const d = await kind.load({}, 1, noResources);
    expect(d.info).toEqual(kind.describe({}));
    expect(d.info.inputShape).toEqual([2]);
    expect(d.train.count + d.validation.count).toBe(400);
  });

  it('rejects out-of-range params, naming them', async () => {
    expect(() => kind.describe({ noise: 2 })).toThrow('noise: must be in [0, 1], got 2');
    await expect(kind.load({ samples: 5 }, 1, noResources)).rejects.toThrow('samples: must be an integer in [10, 100000], got 5');
  });
});

describe('xor', () => {
  it('labels by the sign of x·y and keeps clean points off the axes', async () => {
    const pts = points(await xorDataset.load({ samples: 1000, noise: 0 }, 3, noResources));
    for (const [x, y, label] of pts) {
      expect(Math.min(Math.abs(x), Math.abs(y))).toBeGreaterThanOrEqual(0.3);
      expect(label).toBe(x * y > 0 ? 1 : 0);
    }
  });

  it('jitters points so that at most a noise fraction disagrees with sign(x·y), but some do', async () => {
    for (const noise of [0.2, 0.5, 1]) {
      const pts = points(await xorDataset.load({ samples: 2000, noise }, 4, noResources));
      const agree = pts.filter(([x, y, label]) => (x * y > 0 ? 1 : 0) === label).length / pts.length;
      expect(agree).toBeGreaterThanOrEqual(1 - noise);
      expect(agree).toBeLessThan(1);
    }
  });
});

describe('circle', () => {
  it('puts class 1 in the inner disk and class 0 in the outer ring, balanced', async () => {
    const pts = points(await circleDataset.load({ samples: 600, noise: 0 }, 2, noResources));
    expect(pts.filter((p) => p[2] === 1).length).toBe(300);
    for (const [x, y, label] of pts) {
      const r = Math.hypot(x, y);
      if (label === 1) expect(r).toBeLessThanOrEqual(2.5 + 1e-5);
      else {
        expect(r).toBeGreaterThanOrEqual(3.5 - 1e-5);
        expect(r).toBeLessThanOrEqual(5 + 1e-5);
      }
    }
  });
});

describe('gaussians', () => {
  it('is binary for 2 classes and multi-class otherwise', () => {
    expect(gaussiansDataset.describe({}).target).toEqual({ kind: 'binary' });
    expect(gaussiansDataset.describe({ classes: 4 }).target).toEqual({ kind: 'classes', classes: 4 });
  });

  it('draws each point near its own class centre', async () => {
    const classes = 5;
    const pts = points(await gaussiansDataset.load({ samples: 1000, classes, noise: 0 }, 5, noResources));
    const nearestOwn = pts.filter(([x, y, label]) => {
      let best = -1;
      let bestDist = Infinity;
      for (let k = 0; k < classes; k++) {
        const [cx, cy] = blobCentre(k, classes);
        const dist = Math.hypot(x - cx, y - cy);
        if (dist < bestDist) [best, bestDist] = [k, dist];
      }
      return best === label;
    }).length;
    expect(nearestOwn / pts.length).toBeGreaterThan(0.99);
    for (let k = 0; k < classes; k++) expect(pts.filter((p) => p[2] === k).length).toBe(200);
  });
});

describe('spiral', () => {
  it('has balanced classes', async () => {
    const pts = points(await spiralDataset.load({ samples: 401 }, 1, noResources));
    const ones = pts.filter((p) => p[2] === 1).length;
    expect(Math.abs(ones - (401 - ones))).toBeLessThanOrEqual(1);
  });

  it('follows the Playground formula: class 1 is class 0 rotated by π, within radius 5', async () => {
    const pts = points(await spiralDataset.load({ samples: 200, noise: 0 }, 1, noResources));
    const key = (x: number, y: number) => `${x.toFixed(3)},${y.toFixed(3)}`;
    const class0 = new Set(pts.filter((p) => p[2] === 0).map(([x, y]) => key(-x, -y)));
    for (const [x, y, label] of pts) {
      expect(Math.hypot(x, y)).toBeLessThanOrEqual(5);
      if (label === 1) expect(class0.has(key(x, y))).toBe(true);
    }
  });
});
