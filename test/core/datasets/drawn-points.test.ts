import { describe, expect, it } from 'vitest';
import { getDataset, resolveDatasetParams } from '../../../core/datasets';
import type { DrawnPoint } from '../../../core/datasets/drawn-points';
import { analyzeGraph } from '../../../core/graph/analyze';
import { parseGraphText, serializeGraph } from '../../../core/graph/io';
import type { Graph } from '../../../core/graph/schema';
import { TrainingSession } from '../../../core/session/session';
import { loadExample } from '../../helpers/examples';
import { noResources } from './memory-resources';

/** Three hand-placed clusters, as someone clicking on the canvas would make them (no randomness). */
function drawnClusters(): DrawnPoint[] {
  const centres: [number, number][] = [[-4, -2], [4, -2], [0, 4]];
  const out: DrawnPoint[] = [];
  centres.forEach(([cx, cy], label) => {
    for (let i = 0; i < 15; i++) {
      const a = (i / 15) * 2 * Math.PI, r = 0.4 + (i % 3) * 0.4;
      out.push({ x: Number((cx + r * Math.cos(a)).toFixed(2)), y: Number((cy + r * Math.sin(a)).toFixed(2)), label });
    }
  });
  return out;
}

function threeClassGraph(dataset: Record<string, unknown>): Graph {
  const g = loadExample('xor-mlp');
  g.name = 'drawn';
  g.nodes.find((n) => n.id === 'd2')!.params = { units: 3 };
  g.nodes.find((n) => n.id === 'a2')!.params = { fn: 'softmax' };
  g.nodes.find((n) => n.id === 'loss')!.params = { fn: 'cross_entropy' };
  g.training = { ...g.training, dataset: { name: 'gaussians', classes: 3, ...dataset }, optimizer: { type: 'adam', lr: 0.03 }, batchSize: 8, epochs: 60 };
  return g;
}

const resolve = (ref: Record<string, unknown>) => resolveDatasetParams(ref);

describe('hand-drawn 2D points', () => {
  it('survive save and reopen: the file keeps every point, and reopening gives the same graph', () => {
    const g = threeClassGraph({ points: drawnClusters(), pointsMode: 'only', validationSplit: 0 });
    const text = serializeGraph(g);
    const back = parseGraphText(text);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.graph.training.dataset.points).toEqual(drawnClusters());
    expect(serializeGraph(back.graph)).toBe(text);
    expect(analyzeGraph(back.graph).problems).toEqual([]);
  });

  it('train: a network learns a separable drawn set of three classes (pointsMode "only")', async () => {
    const g = threeClassGraph({ points: drawnClusters(), pointsMode: 'only', validationSplit: 0.2 });
    const session = await TrainingSession.create(g, { resources: noResources, gridSize: 0, statsEvery: 0, batchEvents: false, sliceMs: 1000 });
    // Exactly the drawn points, split as usual: 45 points → 9 held out.
    expect(session.data.train.count + session.data.validation.count).toBe(45);
    expect(session.data.validation.count).toBe(9);
    expect(await session.start()).toBe('done');
    const ev = session.evaluate();
    expect(ev.train.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(ev.validation.accuracy).toBeGreaterThanOrEqual(0.88);
  });

  it('pointsMode "add" (the default) trains on the generated points and the drawn ones together', async () => {
    const drawn = drawnClusters();
    const kind = getDataset('gaussians')!;
    const r = resolve({ name: 'gaussians', classes: 3, samples: 60, validationSplit: 0, points: drawn });
    if ('error' in r) throw new Error(r.error.message);
    const d = await kind.load(r.params, 5, noResources);
    expect(d.train.count).toBe(60 + 45);
    // Every drawn point is among the rows, with its label.
    const rows = new Set(Array.from({ length: d.train.count }, (_, i) => `${d.train.inputs[2 * i]!.toFixed(2)},${d.train.inputs[2 * i + 1]!.toFixed(2)},${d.train.targets[i]}`));
    for (const p of drawn) expect(rows.has(`${p.x.toFixed(2)},${p.y.toFixed(2)},${p.label}`)).toBe(true);
  });

  it('a graph without drawings loads exactly the data it always did', async () => {
    const kind = getDataset('xor')!;
    const plain = resolve({ name: 'xor', samples: 50 });
    const empty = resolve({ name: 'xor', samples: 50, points: [] });
    if ('error' in plain || 'error' in empty) throw new Error('unexpected');
    expect(plain.params).toEqual({ samples: 50, noise: 0.1, validationSplit: 0.2 });
    const a = await kind.load(plain.params, 3, noResources);
    const b = await kind.load(empty.params, 3, noResources);
    expect(Array.from(b.train.inputs)).toEqual(Array.from(a.train.inputs));
    expect(Array.from(b.train.targets)).toEqual(Array.from(a.train.targets));
  });

  it('plane takes a drawn point\'s label as its target value', async () => {
    const r = resolve({ name: 'plane', pointsMode: 'only', validationSplit: 0, points: [{ x: 1, y: 2, label: -3.5 }, { x: 0, y: 0, label: 0.25 }] });
    if ('error' in r) throw new Error(r.error.message);
    const d = await getDataset('plane')!.load(r.params, 1, noResources);
    expect(d.train.count).toBe(2);
    expect(Array.from(d.train.targets).sort()).toEqual([-3.5, 0.25]);
  });

  it.each([
    [{ name: 'gaussians', classes: 3, points: [{ x: 0, y: 0, label: 0 }, { x: 1, y: 1, label: 3 }] }, 'training.dataset.points[1].label', 'must be a class index from 0 to 2, got 3'],
    [{ name: 'xor', points: [{ x: 0, y: 0, label: 0.5 }] }, 'training.dataset.points[0].label', 'must be a class index from 0 to 1, got 0.5'],
    [{ name: 'xor', points: [{ x: 'a', y: 0, label: 0 }] }, 'training.dataset.points[0].x', 'must be a finite number, got "a"'],
    [{ name: 'circle', points: [{ x: 0, y: 0, label: 1, colour: 'red' }] }, 'training.dataset.points[0]', 'unknown field "colour" (a point has x, y and label)'],
    [{ name: 'spiral', points: { x: 0 } }, 'training.dataset.points', 'must be an array of {x, y, label}, got an object'],
    [{ name: 'xor', pointsMode: 'only' }, 'training.dataset.points', 'is empty, but pointsMode is "only": draw at least one point, or set pointsMode to "add"'],
    [{ name: 'xor', pointsMode: 'some', points: [] }, 'training.dataset.pointsMode', 'must be one of add, only, got "some"'],
  ])('a bad drawing is named by its path: %j', (ref, path, message) => {
    expect(resolve(ref)).toEqual({ error: { path, message } });
  });

  it('only the 2D sets take drawn points', () => {
    const r = resolve({ name: 'sine', points: [] });
    expect('error' in r && r.error.path).toBe('training.dataset.points');
    const g = loadExample('mnist-mlp');
    g.training.dataset = { ...g.training.dataset, points: [] };
    expect(analyzeGraph(g).problems.map((p) => p.path)).toEqual(['training.dataset.points']);
  });
});
