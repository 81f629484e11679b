import { AttributeType, DataType, type OnnxTypes } from '../../../onnx/proto';
import { Attributes } from '../attributes';
import { CONST_FOLDERS } from '../fold';
import { constantValue } from '../fold/constant';
import { readTensor, type ConstTensor } from '../tensor';

type NodeProto = OnnxTypes.INodeProto;

/** Who produces and who reads each value of an ONNX graph, for recognising op patterns. */
export class GraphIndex {
  private readonly producers = new Map<string, NodeProto>();
  private readonly readers = new Map<string, NodeProto[]>();
  private readonly initializers = new Map<string, OnnxTypes.ITensorProto>();
  private readonly outputs: Set<string>;
  private readonly folded = new Map<string, ConstTensor | undefined>();

  /** `opset` is the model's default-domain set, for evaluating constant subgraphs as the import will. */
  constructor(graph: OnnxTypes.IGraphProto, nodes: readonly NodeProto[], private readonly opset = 13) {
    for (const n of nodes) {
      for (const o of n.output ?? []) this.producers.set(o, n);
      for (const i of n.input ?? []) if (i) this.readers.set(i, [...(this.readers.get(i) ?? []), n]);
    }
    for (const t of graph.initializer ?? []) this.initializers.set(t.name ?? '', t);
    this.outputs = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  }

  /** The node producing input `i` of `n`, when it has this op type. */
  input(n: NodeProto, i: number, opType: string): NodeProto | undefined {
    const p = this.producers.get(n.input?.[i] ?? '');
    return p?.opType === opType && !p.domain ? p : undefined;
  }

  /** The nodes reading this value, and whether it is a graph output too. */
  readersOf(name: string): { readers: readonly NodeProto[]; graphOutput: boolean } {
    return { readers: this.readers.get(name) ?? [], graphOutput: this.outputs.has(name) };
  }

  /** The node producing this value, when it has this op type. */
  producer(name: string | undefined, opType: string): NodeProto | undefined {
    const p = this.producers.get(name ?? '');
    return p?.opType === opType && !p.domain ? p : undefined;
  }

  /** For `y · c` or `c · y` with scalar constant c ≈ value (an op of `opType`): y's name. */
  withScalar(n: NodeProto | undefined, opType: string, value: number): string | undefined {
    if (!n || n.opType !== opType) return undefined;
    const [a, b] = operands(n);
    if (this.isScalar(b, value)) return a;
    if (opType !== 'Sub' && this.isScalar(a, value)) return b;
    return undefined;
  }

  /**
   * A constant value by name: an initializer, a Constant node's output, or the output of an op the
   * import folds whose inputs are all constants (PyTorch computes F.pad's pads by a small
   * Concat/Reshape/Slice chain that a fusion must see through).
   */
  constant(name: string | undefined): ConstTensor | undefined {
    if (!name) return undefined;
    const t = this.initializers.get(name);
    if (t) return readTensor(t);
    if (this.folded.has(name)) return this.folded.get(name);
    this.folded.set(name, undefined); // a cycle reads as "not constant"
    const v = this.evaluate(name);
    this.folded.set(name, v);
    return v;
  }

  private evaluate(name: string): ConstTensor | undefined {
    const p = this.producers.get(name);
    if (!p || p.domain) return undefined;
    if (p.opType === 'Constant') {
      const v = constantValue(new Attributes(p.attribute));
      return typeof v === 'string' ? undefined : v;
    }
    if (p.opType === 'Shape') {
      // Shape of a constant (without constant folding, PyTorch's F.pad measures its own pad list).
      const x = this.constant(p.input?.[0]);
      if (!x) return undefined;
      const attrs = new Attributes(p.attribute);
      const rank = x.dims.length;
      const at = (v: number) => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
      const dims = x.dims.slice(at(attrs.int('start', 0)), at(attrs.int('end', rank)));
      return { dims: [dims.length], data: Float64Array.from(dims), dtype: DataType.INT64 };
    }
    const folder = CONST_FOLDERS[p.opType ?? ''];
    if (!folder || (p.input ?? []).length === 0) return undefined;
    const ins = (p.input ?? []).map((i) => (i ? this.constant(i) : undefined));
    if ((p.input ?? []).some((i, k) => i && !ins[k])) return undefined;
    const out = folder(ins, new Attributes(p.attribute), this.opset);
    return typeof out === 'string' ? undefined : out[(p.output ?? []).indexOf(name)];
  }

  /** A scalar constant equal to `value` (to float32 precision). */
  isScalar(name: string | undefined, value: number): boolean {
    const c = this.constant(name);
    return c !== undefined && c.data.length === 1 && Math.abs(c.data[0]! - value) <= 1e-6 * Math.max(1, Math.abs(value));
  }

  /** Whether every reader of every output of `inner` is in `pattern` (so the pattern can replace them). */
  private contained(inner: NodeProto, pattern: ReadonlySet<NodeProto>): boolean {
    return (inner.output ?? []).every((o) => !this.outputs.has(o) && (this.readers.get(o) ?? []).every((r) => pattern.has(r)));
  }

  /** The pattern's inner nodes may go when nothing outside it reads them. */
  removable(root: NodeProto, inner: readonly NodeProto[]): boolean {
    const pattern = new Set([root, ...inner]);
    return inner.every((n) => this.contained(n, pattern));
  }
}

/** Input `i` of `n` and "the other one" of a commutative two-input op. */
export function operands(n: NodeProto): [string, string] {
  return [n.input?.[0] ?? '', n.input?.[1] ?? ''];
}

export const stringAttr = (name: string, value: string): OnnxTypes.IAttributeProto => ({ name, type: AttributeType.STRING, s: new TextEncoder().encode(value) });
export const floatAttr = (name: string, f: number): OnnxTypes.IAttributeProto => ({ name, type: AttributeType.FLOAT, f });
export const intAttr = (name: string, i: number): OnnxTypes.IAttributeProto => ({ name, type: AttributeType.INT, i });
