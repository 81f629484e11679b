import { getNodeKind } from '../../catalog';
import { checkParam, paramSpecsOf, withDefaults } from '../../catalog/params';
import type { DatasetInfo, ParamValues } from '../../catalog/types';
import type { GraphEdge, GraphNode } from '../../graph/schema';
import type { Shape } from '../../util/tensor';
import type { LiveValue, WeightData } from './values';

/**
 * The NetLoom graph an import builds: nodes with readable ids derived from the ONNX names, edges into
 * the right ports, each node's per-sample shape from the catalog's own shape rule, and its weights.
 */
export class NetLoomGraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly weights = new Map<string, WeightData>();
  private readonly shapes = new Map<string, Shape>();
  private readonly used = new Set<string>();
  /** The ONNX node name each NetLoom node came from, for groups from name scopes. */
  readonly onnxNames = new Map<string, string>();

  constructor(private readonly info: DatasetInfo) {}

  /**
   * A unique node id from an ONNX name. Scoped names (PyTorch's `/encoder/fc1/Gemm`, NetLoom's own
   * `d1/xW`) lose their last segment, which names the op rather than the layer: `encoder_fc1`, `d1`.
   */
  freshId(onnxName: string, fallback: string): string {
    const parts = onnxName.split('/').filter((p) => p.trim() !== '');
    const scoped = parts.length > 1 ? parts.slice(0, -1) : parts;
    const base = scoped.join('_').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || fallback;
    let id = base;
    for (let k = 2; this.used.has(id); k++) id = `${base}_${k}`;
    this.used.add(id);
    this.onnxNames.set(id, onnxName);
    return id;
  }

  addInput(id: string, shape: Shape): LiveValue {
    this.used.add(id);
    this.nodes.push({ id, type: 'Input', params: {}, shape: [...shape] });
    this.shapes.set(id, shape);
    return { kind: 'live', node: id, shape };
  }

  /** Add a node; returns its output, or why the kind refuses these params or input shapes. */
  add(id: string, type: string, params: ParamValues, from: LiveValue[], weights: Record<string, WeightData> = {}): LiveValue | string {
    const kind = getNodeKind(type);
    if (!kind) return `needs the ${type} node kind, which this build does not have`;
    const values = withDefaults(kind, params);
    const specs = paramSpecsOf(kind, values);
    for (const [name, v] of Object.entries(params)) {
      const spec = specs[name];
      const msg = spec ? checkParam(spec, v) : `is not a ${type} param`;
      if (msg) return `${type}.${name} ${msg}`;
    }
    const inputs = from.map((v) => v.shape);
    const r = kind.inferShape({ params: values, inputs, dataset: this.info });
    if (!r.ok) return `${type} ${r.message}`;
    this.nodes.push({ id, type, params: { ...params } });
    from.forEach((v, port) => {
      const edge: GraphEdge = { id: `e${this.edges.length + 1}`, source: v.node, target: id };
      if (kind.inputs.length > 1) edge.targetHandle = kind.inputs[port]!.name;
      this.edges.push(edge);
    });
    this.shapes.set(id, r.shape);
    for (const [name, w] of Object.entries(weights)) this.weights.set(`${id}.${name}`, w);
    return { kind: 'live', node: id, shape: r.shape };
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.find((n) => n.id === id);
  }

  update(id: string, params: ParamValues, weights: Record<string, WeightData>): void {
    const n = this.node(id);
    if (n) n.params = { ...params };
    for (const [name, w] of Object.entries(weights)) this.weights.set(`${id}.${name}`, w);
  }

  /** Every parameter tensor the catalog expects, with the weight the import gave it; names the misfits. */
  checkWeights(): string[] {
    const problems: string[] = [];
    const inputsOf = new Map<string, Shape[]>();
    for (const e of this.edges) {
      const list = inputsOf.get(e.target) ?? [];
      list.push(this.shapes.get(e.source)!);
      inputsOf.set(e.target, list);
    }
    for (const n of this.nodes) {
      const kind = getNodeKind(n.type)!;
      const specs = kind.paramTensors({ params: withDefaults(kind, n.params), inputs: inputsOf.get(n.id) ?? [], output: this.shapes.get(n.id)! });
      for (const s of specs) {
        const w = this.weights.get(`${n.id}.${s.name}`);
        if (!w) problems.push(`node "${n.id}" has no value for its ${s.name}`);
        else if (w.dims.length !== s.shape.length || w.dims.some((d, i) => d !== s.shape[i])) {
          problems.push(`node "${n.id}": ${s.name} is [${w.dims.join(', ')}], ${n.type} needs [${s.shape.join(', ')}]`);
        }
      }
    }
    return problems;
  }

  /** Drop nodes whose output reaches none of `keep` (branches that only fed unused ONNX outputs). */
  prune(keep: readonly string[]): void {
    const live = new Set<string>();
    const stack = [...keep];
    while (stack.length) {
      const id = stack.pop()!;
      if (live.has(id)) continue;
      live.add(id);
      for (const e of this.edges) if (e.target === id) stack.push(e.source);
    }
    const keptNodes = this.nodes.filter((n) => live.has(n.id));
    const keptEdges = this.edges.filter((e) => live.has(e.source) && live.has(e.target));
    this.nodes.splice(0, this.nodes.length, ...keptNodes);
    this.edges.splice(0, this.edges.length, ...keptEdges);
    keptEdges.forEach((e, i) => (e.id = `e${i + 1}`));
    for (const key of [...this.weights.keys()]) if (!live.has(key.slice(0, key.lastIndexOf('.')))) this.weights.delete(key);
  }
}
