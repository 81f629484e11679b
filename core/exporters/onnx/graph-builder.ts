import { TensorType, type AttributeValue, type OnnxNode, type OnnxTensor } from './onnx-proto';

/** Collects nodes and initializers; every value gets a readable, unique name derived from its node id. */
export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();

  /** A fresh value name like `att/scores`, unique within the graph. */
  name(base: string): string {
    let n = base;
    for (let k = 2; this.used.has(n); k++) n = `${base}_${k}`;
    this.used.add(n);
    return n;
  }

  /** Add one op; returns its output name. */
  op(opType: string, inputs: string[], output: string, attributes: Record<string, AttributeValue> = {}): string {
    const out = this.name(output);
    this.nodes.push({ opType, name: out, inputs, outputs: [out], attributes });
    return out;
  }

  /** A float initializer (weights, or a constant like ε). The name is kept as given when free. */
  floats(name: string, dims: number[], data: ArrayLike<number>): string {
    const n = this.name(name);
    this.initializers.push({ name: n, dims, type: TensorType.FLOAT, floats: data });
    return n;
  }

  scalar(name: string, value: number): string {
    return this.floats(name, [], [value]);
  }

  int64s(name: string, values: number[]): string {
    const n = this.name(name);
    this.initializers.push({ name: n, dims: [values.length], type: TensorType.INT64, ints: values });
    return n;
  }
}

export const int = (value: number): AttributeValue => ({ kind: 'int', value });
export const float = (value: number): AttributeValue => ({ kind: 'float', value });
export const ints = (value: number[]): AttributeValue => ({ kind: 'ints', value });
export const str = (value: string): AttributeValue => ({ kind: 'string', value });
