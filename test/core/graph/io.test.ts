import { describe, expect, it } from 'vitest';
import { parseGraphText, serializeGraph } from '../../../core/graph/io';
import { formatProblem } from '../../../core/graph/problem';
import { DEFAULT_TRAINING } from '../../../core/graph/schema';
import { load, readFixture } from './graph-text';

/** A graph using every optional field: description, labels, positions, handles and `x-` extensions. */
const RICH = `{
  "x-editor": { "zoom": 1.5, "pan": [10, -20] },
  "format": "netloom-graph",
  "version": 1,
  "name": "Shortcut XOR",
  "description": "the input skips the hidden layer into a Concat",
  "nodes": [
    { "id": "in", "type": "Input", "params": {}, "position": { "x": 0, "y": 100 }, "label": "points" },
    { "params": { "units": 4, "init": "he_uniform" }, "type": "Dense", "id": "d1", "position": { "x": 200, "y": 60 } },
    { "id": "a1", "type": "Activation", "params": { "fn": "leaky_relu", "alpha": 0.2 } },
    { "id": "cat", "type": "Concat", "params": {}, "position": { "x": 400.5, "y": -12.25 } },
    { "id": "d2", "type": "Dense", "params": { "units": 1 }, "label": "output" },
    { "id": "loss", "type": "Loss", "params": { "fn": "bce_logits" } }
  ],
  "edges": [
    { "id": "e1", "source": "in", "target": "d1" },
    { "id": "e2", "source": "d1", "target": "a1" },
    { "target": "cat", "targetHandle": "a", "source": "a1", "id": "e3" },
    { "id": "e4", "source": "in", "sourceHandle": "out", "target": "cat", "targetHandle": "b" },
    { "id": "e5", "source": "cat", "target": "d2" },
    { "id": "e6", "source": "d2", "target": "loss" }
  ],
  "training": {
    "dataset": { "name": "xor", "samples": 200, "noise": 0 },
    "optimizer": { "type": "adam", "lr": 0.01 },
    "batchSize": 16, "epochs": 50, "seed": 7
  },
  "x-notes": ["try more units"]
}`;

describe('load → save → load', () => {
  it('keeps every field: positions, labels, handles, params, training and x- fields', () => {
    const first = load(RICH);
    const again = load(serializeGraph(first));
    expect(again).toEqual(first);
    expect(again.nodes[0]).toEqual({ id: 'in', type: 'Input', params: {}, position: { x: 0, y: 100 }, label: 'points' });
    expect(again.nodes[3]!.position).toEqual({ x: 400.5, y: -12.25 });
    expect(again.edges[3]).toEqual({ id: 'e4', source: 'in', sourceHandle: 'out', target: 'cat', targetHandle: 'b' });
    expect(again['x-editor']).toEqual({ zoom: 1.5, pan: [10, -20] });
    expect(again['x-notes']).toEqual(['try more units']);
  });

  it('leaves position out when the file has none (it stays optional)', () => {
    const saved = JSON.parse(serializeGraph(load(RICH))) as { nodes: Record<string, unknown>[] };
    expect(saved.nodes[2]).not.toHaveProperty('position');
    expect(saved.nodes[2]).not.toHaveProperty('label');
  });

  it('round-trips every example unchanged', () => {
    for (const name of ['examples/xor-mlp.json', 'v0/xor-v1.json']) {
      const g = load(readFixture(name));
      expect(load(serializeGraph(g)), name).toEqual(g);
    }
  });
});

describe('canonical serialisation', () => {
  it('is byte-stable: save(load(save(g))) === save(g)', () => {
    const once = serializeGraph(load(RICH));
    expect(serializeGraph(load(once))).toBe(once);
  });

  it('puts keys in a fixed order whatever order the file used, and x- fields last', () => {
    const saved = serializeGraph(load(RICH));
    const doc = JSON.parse(saved) as Record<string, unknown> & { nodes: object[]; edges: object[] };
    expect(Object.keys(doc)).toEqual(['format', 'version', 'name', 'description', 'nodes', 'edges', 'training', 'x-editor', 'x-notes']);
    expect(Object.keys(doc.nodes[1]!)).toEqual(['id', 'type', 'params', 'position']);
    expect(Object.keys(doc.nodes[4]!)).toEqual(['id', 'type', 'label', 'params']);
    expect(Object.keys(doc.edges[2]!)).toEqual(['id', 'source', 'target', 'targetHandle']);
    expect(Object.keys(doc.edges[3]!)).toEqual(['id', 'source', 'sourceHandle', 'target', 'targetHandle']);
  });

  it('uses two-space indentation and ends with one newline', () => {
    const saved = serializeGraph(load(RICH));
    expect(saved.startsWith('{\n  "format": "netloom-graph",\n  "version": 1,\n')).toBe(true);
    expect(saved.endsWith('}\n')).toBe(true);
    expect(saved.endsWith('\n\n')).toBe(false);
  });
});

describe('defaults', () => {
  it('gives a graph without training the default training settings', () => {
    const doc = JSON.parse(RICH) as Record<string, unknown>;
    delete doc.training;
    const g = load(JSON.stringify(doc));
    expect(g.training).toEqual(DEFAULT_TRAINING);
    expect(JSON.parse(serializeGraph(g)).training).toEqual(DEFAULT_TRAINING);
  });

  it('names an unnamed graph "Untitled" and gives nodes without params an empty set', () => {
    const g = load('{ "format": "netloom-graph", "version": 1, "nodes": [{ "id": "in", "type": "Input" }], "edges": [] }');
    expect(g.name).toBe('Untitled');
    expect(g.nodes[0]!.params).toEqual({});
  });
});

describe('rejected fields', () => {
  const problemsOf = (edit: (doc: Record<string, any>) => void): string[] => {
    const doc = JSON.parse(RICH) as Record<string, any>;
    edit(doc);
    const r = parseGraphText(JSON.stringify(doc));
    if (r.ok) throw new Error('expected the file to be refused');
    return r.problems.map(formatProblem);
  };

  it('refuses an unknown top-level field, naming it', () => {
    expect(problemsOf((d) => { d.model = 'mlp'; })).toEqual(['model: unknown field "model" (extension fields must start with "x-")']);
  });

  it('refuses an unknown field inside training and the optimizer, with the path', () => {
    expect(problemsOf((d) => { d.training.learningRate = 0.1; })).toEqual(['training: unknown field "learningRate"']);
    expect(problemsOf((d) => { d.training.optimizer.momentun = 0.9; })).toEqual(['training.optimizer: unknown field "momentun"']);
  });

  it('names the node and the field for a wrongly typed node field', () => {
    expect(problemsOf((d) => { d.nodes[3].position = { x: '400', y: 0 }; }))
      .toEqual(['nodes[3].position.x (id "cat"): must be a number, got "400"']);
  });

  it('reports every problem of a file at once, not only the first', () => {
    const lines = problemsOf((d) => { d.extra = 1; d.training.batchSize = 0; d.nodes[0].id = ''; });
    expect(lines).toHaveLength(3);
  });
});
