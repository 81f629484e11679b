import { describe, expect, it } from 'vitest';
import { DATASETS, datasetNames, describeDataset, getDataset, resolveDatasetParams } from '../../../core/datasets/index';
import { DEFAULT_TRAINING } from '../../../core/graph/schema';
import { sizeOf } from '../../../core/util/tensor';
import { noResources } from './memory-resources';

describe('dataset catalog', () => {
  it('lists every dataset under its own name', () => {
    expect(datasetNames()).toEqual(['xor', 'circle', 'gaussians', 'spiral', 'plane', 'sine', 'mnist', 'shapes', 'arithmetic', 'sequence', 'csv', 'iris', 'parity', 'balanced-parens', 'count-tokens', 'copy-first']);
    for (const name of datasetNames()) expect(getDataset(name)!.name).toBe(name);
    expect(getDataset('nope')).toBeUndefined();
    expect(getDataset('constructor')).toBeUndefined();
  });

  it('describes any dataset through describeDataset, and refuses unknown names', async () => {
    expect(await describeDataset('sequence', { length: 5 }, noResources)).toEqual({ inputShape: [5, 12], target: { kind: 'binary' } });
    await expect(describeDataset('moons', {}, noResources)).rejects.toThrow('unknown dataset "moons" (known: xor, circle,');
  });

  it.each(['xor', 'circle', 'gaussians', 'spiral', 'plane', 'sine', 'arithmetic', 'sequence', 'parity', 'balanced-parens', 'count-tokens', 'copy-first'])(
    '%s loads with its defaults into the shapes describe() promises',
    async (name) => {
      const kind = DATASETS[name]!;
      const info = kind.describe({});
      const d = await kind.load({ samples: 40 }, 1, noResources);
      expect(d.info).toEqual(info);
      const targetSize = info.target.kind === 'regression' ? info.target.size : 1;
      for (const s of [d.train, d.validation]) {
        expect(s.inputs.length).toBe(s.count * sizeOf(info.inputShape));
        expect(s.targets.length).toBe(s.count * targetSize);
        expect(s.inputs.every(Number.isFinite)).toBe(true);
      }
      expect(d.validation.count).toBe(8);
    },
  );
});

describe('resolveDatasetParams', () => {
  it('fills defaults', () => {
    expect(resolveDatasetParams({ name: 'xor' })).toEqual({ params: { samples: 400, noise: 0.1, validationSplit: 0.2 } });
    expect(resolveDatasetParams({ name: 'gaussians', classes: 3 })).toEqual({ params: { samples: 400, noise: 0.1, classes: 3, validationSplit: 0.2 } });
    expect(resolveDatasetParams(DEFAULT_TRAINING.dataset)).toEqual({ params: { samples: 400, noise: 0.1, validationSplit: 0.2 } });
  });

  it('names the param path and says what was expected', () => {
    expect(resolveDatasetParams({ name: 'xor', noise: 2 })).toEqual({ error: { path: 'training.dataset.noise', message: 'must be in [0, 1], got 2' } });
    expect(resolveDatasetParams({ name: 'spiral', samples: 10.5 })).toEqual({
      error: { path: 'training.dataset.samples', message: 'must be an integer in [10, 100000], got 10.5' },
    });
    expect(resolveDatasetParams({ name: 'xor', validationSplit: 0.95 })).toEqual({
      error: { path: 'training.dataset.validationSplit', message: 'must be in [0, 0.9], got 0.95' },
    });
    // null is a value, not "absent": it must not silently become the default.
    expect(resolveDatasetParams({ name: 'xor', noise: null })).toEqual({ error: { path: 'training.dataset.noise', message: 'must be a finite number, got null' } });
    expect(resolveDatasetParams({ name: 'arithmetic', op: 'pow' }, 'dataset')).toEqual({
      error: { path: 'dataset.op', message: 'must be one of add, sub, mul, div, got "pow"' },
    });
  });

  it('reports unknown datasets and params with the known ones', () => {
    expect(resolveDatasetParams({ name: 'moons' })).toEqual({
      error: {
        path: 'training.dataset.name',
        message: 'unknown dataset "moons" (known: xor, circle, gaussians, spiral, plane, sine, mnist, shapes, arithmetic, sequence, csv, iris, parity, balanced-parens, count-tokens, copy-first)',
      },
    });
    expect(resolveDatasetParams({ name: 'xor', nosie: 0.2 })).toEqual({
      error: { path: 'training.dataset.nosie', message: 'is not a param of dataset "xor" (its params: samples, noise, validationSplit, points, pointsMode)' },
    });
    expect(resolveDatasetParams({ name: 42 })).toMatchObject({ error: { path: 'training.dataset.name', message: expect.stringContaining('got 42') } });
  });

  it('reports params that contradict each other at the param describe() blames', () => {
    expect(resolveDatasetParams({ name: 'arithmetic', trainMin: 20 })).toEqual({
      error: { path: 'training.dataset.trainMax', message: 'must be greater than trainMin (20), got 10' },
    });
    expect(resolveDatasetParams({ name: 'sequence', classes: 6, dims: 10 })).toMatchObject({ error: { path: 'training.dataset.dims' } });
  });

  it('checks csv text params without reading the file', () => {
    expect(resolveDatasetParams({ name: 'csv', path: 'data.csv', target: 'y' })).toEqual({
      params: { task: 'classification', validationSplit: 0.2, path: 'data.csv', features: '', target: 'y' },
    });
    expect(resolveDatasetParams({ name: 'csv' })).toMatchObject({ error: { path: 'training.dataset.path', message: expect.stringMatching(/^must not be empty/) } });
    expect(resolveDatasetParams({ name: 'csv', path: 3 })).toEqual({ error: { path: 'training.dataset.path', message: 'must be a string, got 3' } });
  });
});
