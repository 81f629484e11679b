import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../core/graph/analyze';
import { formatProblem } from '../../../core/graph/problem';
import type { Graph, GraphEdge, GraphNode, TrainingConfig } from '../../../core/graph/schema';
import { DEFAULT_TRAINING } from '../../../core/graph/schema';
import { load, readFixture } from './graph-text';

function graph(nodes: GraphNode[], edges: GraphEdge[], training: TrainingConfig = DEFAULT_TRAINING): Graph {
  return { format: 'netloom-graph', version: 1, name: 'test', nodes, edges, training };
}
const node = (id: string, type: string, params: GraphNode['params'] = {}): GraphNode => ({ id, type, params });
/** Edges along a chain of ids: chain('a', 'b', 'c') wires a → b → c. */
const chain = (...ids: string[]): GraphEdge[] =>
  ids.slice(1).map((target, i) => ({ id: `${ids[i]}-${target}`, source: ids[i]!, target }));

function shapesOf(g: Graph): Record<string, readonly number[]> {
  const a = analyzeGraph(g);
  expect(a.problems.map(formatProblem)).toEqual([]);
  return Object.fromEntries(a.shapes);
}
function errorsOf(g: Graph): string[] {
  return analyzeGraph(g).problems.filter((p) => p.severity === 'error').map(formatProblem);
}

describe('shape inference', () => {
  it('XOR MLP: every node of examples/xor-mlp.json', () => {
    expect(shapesOf(load(readFixture('examples/xor-mlp.json')))).toEqual({
      in: [2], d1: [8], a1: [8], d2: [1], a2: [1], loss: [],
    });
  });

  it('sequence: Input [T, d] → SelfAttention → MeanPool → Dense → Loss', () => {
    const g = graph(
      [
        node('in', 'Input'),
        node('att', 'SelfAttention', { heads: 2, dModel: 16 }),
        node('pool', 'MeanPool'),
        node('d', 'Dense', { units: 3 }),
        node('loss', 'Loss', { fn: 'cross_entropy', logits: true }),
      ],
      chain('in', 'att', 'pool', 'd', 'loss'),
      { ...DEFAULT_TRAINING, dataset: { name: 'sequence', length: 6, dims: 10, classes: 3 } },
    );
    expect(shapesOf(g)).toEqual({ in: [6, 10], att: [6, 16], pool: [16], d: [3], loss: [] });
  });

  it('Concat joins on the last axis: the input with itself doubles its width', () => {
    const g = graph(
      [node('in', 'Input'), node('cat', 'Concat'), node('d', 'Dense', { units: 1 }), node('loss', 'Loss', { fn: 'bce_logits' })],
      [
        { id: 'ea', source: 'in', target: 'cat', targetHandle: 'a' },
        { id: 'eb', source: 'in', target: 'cat', targetHandle: 'b' },
        ...chain('cat', 'd', 'loss'),
      ],
    );
    expect(shapesOf(g)).toMatchObject({ in: [2], cat: [4], d: [1] });
  });

  it('Concat adds unequal widths: [3] and [5] give [8]', () => {
    const g = graph(
      [
        node('in', 'Input'), node('p', 'Dense', { units: 3 }), node('q', 'Dense', { units: 5 }),
        node('cat', 'Concat'), node('d', 'Dense', { units: 1 }), node('loss', 'Loss', { fn: 'bce_logits' }),
      ],
      [
        ...chain('in', 'p'), ...chain('in', 'q'),
        { id: 'pa', source: 'p', target: 'cat', targetHandle: 'a' },
        { id: 'qb', source: 'q', target: 'cat', targetHandle: 'b' },
        ...chain('cat', 'd', 'loss'),
      ],
    );
    expect(shapesOf(g).cat).toEqual([8]);
  });

  it('crelu doubles the features; other activations keep them', () => {
    const g = graph(
      [
        node('in', 'Input'), node('d1', 'Dense', { units: 8 }), node('c', 'Activation', { fn: 'crelu' }),
        node('d2', 'Dense', { units: 1 }), node('s', 'Activation', { fn: 'sigmoid' }), node('loss', 'Loss', { fn: 'bce' }),
      ],
      chain('in', 'd1', 'c', 'd2', 's', 'loss'),
    );
    expect(shapesOf(g)).toMatchObject({ d1: [8], c: [16], d2: [1], s: [1] });
  });

  it('fills defaults into the params it reports', () => {
    const a = analyzeGraph(load(readFixture('examples/xor-mlp.json')));
    expect(a.params.get('d1')).toEqual({ units: 8, bias: true, init: 'xavier_uniform' });
  });
});

describe('a shape error clears once fixed', () => {
  it('Add with widths 8 and 2 → make the Dense 2 wide', () => {
    const g = load(readFixture('malformed/add-shape-mismatch.json'));
    expect(errorsOf(g)).toEqual([
      'nodes[2] (id "add"): Add needs inputs of equal shape, got a [B, 8] and b [B, 2] (input a = [B, 8] from "d1", b = [B, 2] from "in")',
    ]);
    g.nodes[1]!.params.units = 2;
    expect(errorsOf(g)).toEqual([]);
    expect(analyzeGraph(g).shapes.get('add')).toEqual([2]);
  });

  it('a sequence fed straight to the loss → put a MeanPool before the Dense', () => {
    const g = load(readFixture('malformed/sequence-into-loss.json'));
    expect(errorsOf(g)).toHaveLength(1);
    expect(errorsOf(g)[0]).toContain('(id "loss"): Loss needs a flat prediction');
    g.nodes.push(node('pool', 'MeanPool'));
    g.edges = g.edges.filter((e) => e.source !== 'att').concat(chain('att', 'pool', 'd1'));
    expect(errorsOf(g)).toEqual([]);
    expect(analyzeGraph(g).shapes.get('pool')).toEqual([16]);
  });

  it('does not repeat an upstream error downstream', () => {
    const g = load(readFixture('malformed/add-shape-mismatch.json'));
    const a = analyzeGraph(g);
    expect(a.problems.map((p) => p.nodeId)).toEqual(['add']);
    expect(a.shapes.has('d2')).toBe(false);
  });
});
