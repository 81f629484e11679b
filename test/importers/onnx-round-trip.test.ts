import { describe, expect, it } from 'vitest';
import { getNodeKind } from '../../core/catalog';
import { withDefaults } from '../../core/catalog/params';
import { exportOnnx } from '../../core/exporters/onnx';
import { analyzeStructure } from '../../core/graph/structure';
import type { Graph } from '../../core/graph/schema';
import { importOnnx } from '../../core/importers/onnx';
import { compileForPrediction, predict } from '../../core/inference/predict';
import { mulberry32 } from '../../core/util/rng';
import { sizeOf } from '../../core/util/tensor';
import { encodeSafetensors, initialWeights } from '../../core/weights';
import { broadcastGraphs } from '../exporters/helpers/broadcast-graphs';
import { convGraphs } from '../exporters/helpers/conv-graphs';
import { activationGraphs, coverageGraphs, exampleGraphs } from '../exporters/helpers/graphs';
import { recurrentGraphs } from '../exporters/helpers/recurrent-graphs';

/**
 * Every graph NetLoom exports to ONNX comes back through the importer as the same network: the same
 * node types and params in the same wiring (ids and positions aside), the same weights, and the same
 * predictions. What the export turns into Identity (Dropout, the linear activation) comes back as
 * nothing, which computes the same thing at inference; the Loss is not part of an ONNX model.
 */
const cases = [...exampleGraphs(), ...activationGraphs(), ...coverageGraphs(), ...convGraphs(), ...recurrentGraphs(), ...broadcastGraphs()];


interface Canon { type: string; params: Record<string, unknown>; inputs: Canon[]; id: string }

/** The network feeding `id`, as a tree of (type, params) with the pass-through nodes skipped. */
function canon(graph: Graph, id: string): Canon {
  const s = analyzeStructure(graph, []);
  const walk = (nodeId: string): Canon => {
    const node = graph.nodes[s.indexOf.get(nodeId)!]!;
    const inputs = s.inputsOf.get(nodeId)!.map((w) => walk(w!.source));
    const passThrough = node.type === 'Dropout' || (node.type === 'Activation' && node.params.fn === 'linear');
    if (passThrough) return inputs[0]!;
    // init, forgetBias and updateBias only choose starting weights, which the import replaces.
    const { init: _init, forgetBias: _fb, updateBias: _ub, ...params } = withDefaults(getNodeKind(node.type)!, node.params);
    if (node.type === 'Reshape' && (params.shape as number[]).length === 1) return { type: 'Flatten', params: {}, inputs, id: nodeId };
    return { type: node.type, params: node.type === 'Input' ? {} : samePadding(params), inputs, id: nodeId };
  };
  return walk(id);
}

/**
 * Two spellings compute the same thing and come back as one: a Reshape to one axis is a Flatten, and
 * at stride 1 a window padded by (size − 1) / 2 on each side is "same" for every input size.
 */
function samePadding(params: Record<string, unknown>): Record<string, unknown> {
  const size = (params.kernelSize ?? params.poolSize) as number | undefined;
  const stride = params.stride === 0 ? size : params.stride;
  if (size === undefined || stride !== 1 || typeof params.padding !== 'number') return params;
  const eff = ((params.dilation as number | undefined) ?? 1) * (size - 1) + 1;
  return params.padding * 2 === eff - 1 ? { ...params, padding: 'same' } : params;
}

const strip = (c: Canon): unknown => ({ type: c.type, params: c.params, inputs: c.inputs.map(strip) });
const pairs = (a: Canon, b: Canon, out: [string, string][] = []): [string, string][] => {
  out.push([a.id, b.id]);
  a.inputs.forEach((x, i) => pairs(x, b.inputs[i]!, out));
  return out;
};

describe('ONNX round trip: export → import', () => {
  it.each(cases.map((c) => [c.name, c.graph] as const))('%s comes back as the same network', (_name, graph) => {
    const plan = compileForPrediction(graph);
    const weights = initialWeights(plan, graph.training.seed);
    const [file] = exportOnnx(graph);
    const r = importOnnx(file!.contents as Uint8Array);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));

    const predictionNode = plan.tensors[plan.predictionTensor]!.node;
    const back = compileForPrediction(r.graph);
    const a = canon(graph, predictionNode);
    const b = canon(r.graph, back.tensors[back.predictionTensor]!.node);
    expect(strip(b)).toEqual(strip(a));

    // Same weights, tensor by tensor, for corresponding nodes.
    const original = new Map(plan.params.map((p, i) => [`${p.node}.${p.name}`, weights[i]!]));
    const imported = new Map(r.weights.map((w) => [w.name, w.data]));
    let compared = 0;
    // A node shared by two branches appears twice in the tree: compare it once.
    for (const [from, to] of new Map(pairs(a, b))) {
      for (const p of plan.params.filter((q) => q.node === from)) {
        expect(imported.get(`${to}.${p.name}`), `${to}.${p.name}`).toEqual(original.get(`${from}.${p.name}`));
        compared++;
      }
    }
    expect(compared).toBe(plan.params.length);
    expect(r.weights.length).toBe(plan.params.length);

    // Equal predictions on the same (random) inputs.
    const inShape = plan.tensors[plan.inputTensor]!.shape;
    const rng = mulberry32(3);
    const n = 7;
    // Token ids for a graph that starts with an Embedding, values in [−1, 1) otherwise.
    const vocab = graph.nodes.find((nd) => nd.type === 'Embedding')?.params.vocabSize as number | undefined;
    const draw = () => (vocab ? Math.floor(rng.next() * vocab) : Math.fround(rng.next() * 2 - 1));
    const x = { shape: [n, ...inShape], dtype: 'f4', data: Float64Array.from({ length: n * sizeOf(inShape) }, draw) };
    const want = predict(plan, graph, x);
    const got = predict(back, r.graph, x, encodeSafetensors(r.weights));
    expect(got.shape).toEqual(want.shape);
    expect(Array.from(got.data)).toEqual(Array.from(want.data));
  });
});
