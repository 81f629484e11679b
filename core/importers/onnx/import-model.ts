import type { DatasetInfo } from '../../catalog/types';
import { groupsFromScopes, withGroups } from '../../graph/groups';
import { DEFAULT_TRAINING, GRAPH_FORMAT, GRAPH_VERSION, type Graph } from '../../graph/schema';
import { DataType, int64ToNumber, type Int64, type OnnxTypes } from '../../onnx/proto';
import type { NamedTensor } from '../../weights/safetensors';
import { Attributes } from './attributes';
import { decodeModel, OnnxReadError } from './decode';
import { CONST_FOLDERS } from './fold';
import { fuseNodes } from './fusions';
import { SHAPE_PERM_ATTR } from './fusions/shape-of-transpose';
import { constantValue } from './fold/constant';
import { NetLoomGraphBuilder } from './graph-builder';
import { usedNodes, topologicalOrder } from './node-order';
import { OP_MAPPERS } from './ops';
import { readTensor } from './tensor';
import type { MapContext, OnnxNodeView, Value } from './values';

/** The dataset name an imported graph gets: none, the graph runs on what `netloom predict` feeds it. */
export const NO_DATASET = 'none';
export const MIN_OPSET = 7;
export const MAX_OPSET = 22;

/**
 * Ops whose meaning has not changed from their first operator set to the ones NetLoom reads (only
 * `consumed_inputs`, an in-place hint, went away in set 6): a model older than set 7 that uses nothing
 * else imports. Elementwise Add/Mul (legacy broadcast), Concat (optional axis), Reshape (shape as an
 * attribute), BatchNormalization, Dropout, Gemm, PRelu and the windowed ops changed, and are refused.
 */
const UNCHANGED_SINCE_OPSET_1 = new Set([
  'Relu', 'LeakyRelu', 'Elu', 'Selu', 'Sigmoid', 'Tanh', 'HardSigmoid', 'Softplus', 'Softsign', 'Softmax', 'LogSoftmax',
  'GlobalAveragePool', 'Flatten', 'Identity', 'Transpose', 'Constant',
]);

export interface ImportProblem {
  message: string;
  /** The ONNX op type and node name the problem is about, when it is about one. */
  opType?: string;
  nodeName?: string;
}

export interface ImportReport {
  opset: number;
  producer: string;
  /** ONNX nodes evaluated at import time, as `OpType "name"`. */
  folded: string[];
  /** Op patterns recognised as one operation, e.g. `Softsign "/1/Div" from 3 ops`. */
  fused: string[];
  /** Ops dropped because they do nothing at inference (Identity, Dropout). */
  dropped: string[];
  notes: string[];
}

export type ImportResult =
  | { ok: true; graph: Graph; weights: NamedTensor[]; report: ImportReport }
  | { ok: false; problems: ImportProblem[] };

export interface ImportOptions {
  /** Graph name when the model has none (e.g. the file name without `.onnx`). */
  name?: string;
  /** For messages: "model.onnx is not an ONNX model". */
  fileName?: string;
}

/**
 * ONNX model bytes → NetLoom graph (format v1, no positions: the editor lays it out) + weights in
 * NetLoom's layout. All or nothing: any op that cannot be imported is reported — every one of them,
 * with its op type and node name — and no graph is returned. Never throws.
 */
export function importOnnx(bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  try {
    return importDecoded(bytes, options);
  } catch (e) {
    if (e instanceof OnnxReadError) return { ok: false, problems: [{ message: e.message }] };
    return { ok: false, problems: [{ message: `could not import the model: ${(e as Error).message}` }] };
  }
}

function importDecoded(bytes: Uint8Array, options: ImportOptions): ImportResult {
  const { model, graph: g, opset } = decodeModel(bytes, options.fileName);
  const problems: ImportProblem[] = [];
  const report: ImportReport = {
    opset, producer: [model.producerName, model.producerVersion].filter(Boolean).join(' ') || 'unknown', folded: [], fused: [], dropped: [], notes: [],
  };
  const old = opset < MIN_OPSET && (g.node ?? []).every((n) => !n.domain && UNCHANGED_SINCE_OPSET_1.has(n.opType ?? ''));
  if ((opset < MIN_OPSET && !old) || opset > MAX_OPSET) {
    return { ok: false, problems: [{ message: `the model uses operator set ${opset}; NetLoom imports opsets ${MIN_OPSET}–${MAX_OPSET}` }] };
  }
  if (old) report.notes.push(`operator set ${opset} is older than ${MIN_OPSET}, but every op in the model means the same in later sets`);
  if (opset < 9 || opset > 21) report.notes.push(`operator set ${opset} is outside the tested range 9–21`);

  const values = new Map<string, Value>();
  for (const t of g.initializer ?? []) values.set(t.name ?? '', { kind: 'const', tensor: readTensor(t) });
  // Older model-zoo files list every weight as a graph input too: an input with an initializer is a constant.
  const dataInputs = (g.input ?? []).filter((i) => !values.has(i.name ?? ''));
  if (dataInputs.length !== 1) {
    const names = dataInputs.map((i) => `"${i.name}"`).join(', ');
    return { ok: false, problems: [{ message: dataInputs.length === 0 ? 'the model has no data input' : `the model has ${dataInputs.length} data inputs (${names}); a NetLoom graph has one Input` }] };
  }
  const input = dataInputs[0]!;
  const inputShape = perSampleShape(input);
  const batchDim = input.type?.tensorType?.shape?.dim?.[0]?.dimValue;
  const fixedBatch = batchDim !== undefined && batchDim !== null ? int64ToNumber(batchDim as Int64) || null : null;
  if (typeof inputShape === 'string') return { ok: false, problems: [{ message: `input "${input.name}": ${inputShape}` }] };
  const info: DatasetInfo = { inputShape, target: { kind: 'regression', size: 1 } };
  const b = new NetLoomGraphBuilder(info);
  values.set(input.name!, b.addInput(b.freshId(input.name!, 'input'), inputShape));

  const fusedNodes = fuseNodes(g, opset);
  const fused = fusedNodes.fused;
  const ordered = topologicalOrder(fusedNodes.nodes, new Set([...values.keys(), ...(g.input ?? []).map((i) => i.name ?? '')]));
  const known = (n: OnnxTypes.INodeProto) => !(n.domain && n.domain !== 'ai.onnx') && isKnownOp(n.opType ?? '');
  const nodes = usedNodes(ordered, (g.output ?? []).map((o) => o.name ?? ''), known);
  report.fused = fused;
  const consumers = new Map<string, number>();
  for (const n of nodes) for (const i of n.input ?? []) if (i) consumers.set(i, (consumers.get(i) ?? 0) + 1);
  for (const o of g.output ?? []) consumers.set(o.name!, (consumers.get(o.name!) ?? 0) + 1);

  const pending = new Map(consumers);
  const graphOutputs = new Set((g.output ?? []).map((o) => o.name ?? ''));
  const unsupported: ImportProblem[] = [];
  nodes.forEach((n, index) => {
    const node: OnnxNodeView = { opType: n.opType ?? '', name: n.name || `#${index} (unnamed)`, inputs: [...(n.input ?? [])], outputs: [...(n.output ?? [])] };
    const domain = n.domain && n.domain !== 'ai.onnx' ? n.domain : '';
    // A fused op keeps its source op's name in messages ("LSTM", not the private "NetLoom.LSTM").
    const where = { opType: domain ? `${domain}.${node.opType}` : node.opType.replace(/^NetLoom\./, ''), nodeName: node.name };
    const known = !domain && isKnownOp(node.opType);
    const poison = () => node.outputs.forEach((o) => values.set(o, { kind: 'poison' }));
    if (!known) {
      unsupported.push({ ...where, message: `${where.opType} (node "${node.name}") is not supported` });
      return poison();
    }
    const ins = node.inputs.map((name) => (name === '' ? undefined : values.get(name)));
    const missing = node.inputs.find((name, i) => name !== '' && ins[i] === undefined);
    if (missing !== undefined) {
      problems.push({ ...where, message: `${where.opType} (node "${node.name}") reads "${missing}", which no earlier node produces` });
      return poison();
    }
    if (ins.some((v) => v?.kind === 'poison')) return poison(); // an earlier node failed; reported there
    const attrs = new Attributes(n.attribute);
    const outcome = evaluate(node, attrs, ins, opset, fixedBatch, b, consumers, values, pending, report, graphOutputs);
    // Reads still to come: a fold may change a node only while this node is its one remaining reader.
    for (const i of node.inputs) if (i) pending.set(i, (pending.get(i) ?? 0) - 1);
    if (typeof outcome === 'string') {
      problems.push({ ...where, message: `${where.opType} (node "${node.name}"): ${outcome}` });
      return poison();
    }
    node.outputs.forEach((o, i) => values.set(o, outcome[i] ?? { kind: 'poison' }));
  });
  if (unsupported.length > 0) {
    const types = [...new Set(unsupported.map((u) => u.opType))];
    return { ok: false, problems: [{ message: `the model uses ${unsupported.length} op${unsupported.length > 1 ? 's' : ''} NetLoom cannot import yet (${types.join(', ')})` }, ...unsupported, ...problems] };
  }
  if (problems.length > 0) return { ok: false, problems };

  const outputs = (g.output ?? []).map((o) => ({ name: o.name!, value: values.get(o.name!) }));
  if (outputs.length !== 1) return { ok: false, problems: [{ message: `the model has ${outputs.length} outputs (${outputs.map((o) => `"${o.name}"`).join(', ')}); NetLoom imports models with one output` }] };
  const out = outputs[0]!;
  const inputValue = values.get(input.name!);
  if (out.value?.kind === 'live' && inputValue?.kind === 'live' && out.value.node === inputValue.node) {
    return { ok: false, problems: [{ message: `output "${out.name}" is the model's input unchanged (only Identity, Dropout or Cast on the way): there is no layer to import` }] };
  }
  if (out.value?.kind !== 'live') return { ok: false, problems: [{ message: `output "${out.name}" does not depend on the input (it is a constant)` }] };
  // A model output squeezed to [N] (PyTorch's sigmoid(fc(x)).squeeze(1)) stays [N, 1]: say so.
  const declared = g.output?.[0]?.type?.tensorType?.shape?.dim?.length;
  if (declared === 1 && out.value.shape.length === 1 && out.value.shape[0] === 1) {
    report.notes.push(`output "${out.name}" is [N] in the model; NetLoom keeps its feature axis: [N, 1], the same values`);
  }
  b.prune([out.value.node]);
  const weightProblems = b.checkWeights();
  if (weightProblems.length > 0) return { ok: false, problems: weightProblems.map((message) => ({ message })) };

  const name = g.name || options.name || 'Imported model';
  const graph: Graph = {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: options.name ?? name,
    description: `Imported from ONNX (${report.producer}, opset ${opset}). Add a Loss and choose a dataset to train it.`,
    nodes: b.nodes,
    edges: b.edges,
    training: { ...DEFAULT_TRAINING, dataset: { name: NO_DATASET } },
  };
  // Blocks named by scope (PyTorch's `/layer1/0/…`) are proposed as groups the editor can collapse.
  const groups = groupsFromScopes(b.onnxNames, b.nodes.map((n) => n.id));
  if (groups.length) report.notes.push(`${groups.length} group${groups.length > 1 ? 's' : ''} from the model's name scopes`);
  const weights: NamedTensor[] = [...b.weights].map(([key, w]) => ({ name: key, shape: [...w.dims], data: Float32Array.from(w.data) }));
  return { ok: true, graph: withGroups(graph, groups), weights, report };
}

/** Fold the node if it can be folded, else map it onto NetLoom nodes. */
function evaluate(
  node: OnnxNodeView, attrs: Attributes, ins: (Value | undefined)[], opset: number, fixedBatch: number | null, b: NetLoomGraphBuilder,
  consumers: Map<string, number>, values: ReadonlyMap<string, Value>, pending: ReadonlyMap<string, number>, report: ImportReport,
  graphOutputs: ReadonlySet<string>,
): Value[] | string {
  const label = `${node.opType} "${node.name}"`;
  if (node.opType === 'Constant') {
    const v = constantValue(attrs);
    if (typeof v === 'string') return v;
    report.folded.push(label);
    return [{ kind: 'const', tensor: v }];
  }
  if (node.opType === 'Shape') {
    const x = ins[0];
    if (!x) return 'has no input';
    // The batch is symbolic: NaN stands for it, and anything computed from it stays NaN (unknown).
    const read = x.kind === 'const' ? x.tensor.dims : x.kind === 'live' ? [NaN, ...x.shape] : [];
    // Shape(Transpose(x)) read from x by the fusion (fusions/shape-of-transpose): permute what x has.
    const perm = attrs.ints(SHAPE_PERM_ATTR);
    const dims = perm ? perm.map((p) => read[p] ?? NaN) : read;
    const rank = dims.length;
    const at = (v: number) => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
    const picked = dims.slice(at(attrs.int('start', 0)), at(attrs.int('end', rank)));
    report.folded.push(label);
    return [{ kind: 'const', tensor: { dims: [picked.length], data: Float64Array.from(picked), dtype: DataType.INT64 } }];
  }
  const allConst = ins.every((v) => v === undefined || v.kind === 'const');
  const folder = CONST_FOLDERS[node.opType];
  if (folder && allConst && ins.length > 0) {
    const r = folder(ins.map((v) => (v?.kind === 'const' ? v.tensor : undefined)), attrs, opset);
    if (typeof r === 'string') return `could not be evaluated at import: ${r}`;
    report.folded.push(label);
    return r.map((tensor) => ({ kind: 'const', tensor }));
  }
  const mapper = OP_MAPPERS[node.opType];
  if (!mapper) return 'is supported only on constants (it is folded at import), but here it reads a computed tensor';
  const ctx: MapContext = {
    node, attrs, opset, fixedBatch, inputs: ins,
    emit: (type, params, from, weights) => b.add(b.freshId(node.name, type), type, params, from, weights),
    paramsOf: (id) => {
      const n = b.node(id);
      return n ? { type: n.type, params: n.params as never } : undefined;
    },
    weightOf: (id, param) => b.weights.get(`${id}.${param}`),
    update: (id, params, weights) => b.update(id, params, weights),
    consumerCount: (name) => consumers.get(name) ?? 0,
    onlyGraphOutput: (name) => graphOutputs.has(name) && consumers.get(name) === 1,
    readersOfNode: (id) => {
      let n = 0;
      for (const [name, v] of values) if (v.kind === 'live' && (v.node === id || v.flat?.node === id)) n += pending.get(name) ?? 0;
      return n;
    },
  };
  const before = b.nodes.length;
  const r = mapper(ctx);
  if (typeof r !== 'string' && b.nodes.length === before && (node.opType === 'Identity' || node.opType === 'Dropout' || node.opType === 'Cast')) report.dropped.push(label);
  return r;
}

const isKnownOp = (op: string) => op in OP_MAPPERS || op in CONST_FOLDERS || op === 'Constant' || op === 'Shape';

/** A graph input's shape without the batch axis; every other axis must have a fixed size. */
function perSampleShape(v: OnnxTypes.IValueInfoProto): number[] | string {
  const tensor = v.type?.tensorType;
  if (!tensor) return 'is not a tensor';
  // Integer inputs are token ids (for an embedding); NetLoom feeds them as whole numbers in float32.
  const accepted: number[] = [DataType.FLOAT, DataType.DOUBLE, DataType.FLOAT16, DataType.INT32, DataType.INT64];
  if (tensor.elemType !== undefined && tensor.elemType !== null && !accepted.includes(tensor.elemType)) {
    return `has data type ${tensor.elemType}; NetLoom imports models whose input is floating point or integer token ids`;
  }
  const dims = tensor.shape?.dim;
  if (!dims || dims.length === 0) return 'has no shape in the model; NetLoom needs at least [batch, features]';
  if (dims.length === 1) return 'has only the batch axis (shape [N]); NetLoom needs at least [batch, features]';
  const rest = dims.slice(1).map((d, i) => {
    const n = d.dimValue !== undefined && d.dimValue !== null ? int64ToNumber(d.dimValue as Int64) : 0;
    return n > 0 ? n : `axis ${i + 1} has no fixed size${d.dimParam ? ` ("${d.dimParam}")` : ''}`;
  });
  const bad = rest.find((d) => typeof d === 'string');
  return bad !== undefined ? `${bad}; NetLoom needs a fixed size for every axis but the batch` : (rest as number[]);
}
