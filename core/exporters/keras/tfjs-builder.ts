import { ExportError } from '../export-model';

/** One layer of a Keras functional-model config, as `model.to_json()` writes it (snake_case keys). */
export interface KerasLayerJson {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  /** One call of the layer: its inputs as [layer, node index, tensor index, kwargs]. */
  inbound_nodes: [string, number, number, Record<string, never>][][];
}

/** One weight of the manifest with its values, already in Keras' layout. */
export interface KerasWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * Collects the layers and weights of a Keras functional model while the nodes are translated. A NetLoom
 * node may become several Keras layers (a padding layer before a convolution, reshapes around a 1-D op);
 * the last one takes the node's own name so the model reads like the graph.
 */
export class KerasModelBuilder {
  readonly layers: KerasLayerJson[] = [];
  readonly weights: KerasWeight[] = [];
  private readonly used = new Set<string>();

  /** `nodeNames`: the layer names the nodes will take; a helper layer never takes one of them. */
  constructor(private readonly nodeNames: ReadonlySet<string> = new Set()) {}

  /**
   * Adds a layer called on `inputs` (layer names) and returns its name, the handle of its output. A
   * helper layer (`c1_pad`) whose name is taken, e.g. by a node with that id, gets a number appended.
   */
  add(className: string, wanted: string, config: Record<string, unknown>, inputs: string[]): string {
    let name = wanted;
    if (this.nodeNames.has(wanted)) {
      if (this.used.has(wanted)) throw new ExportError(`two nodes would both be the Keras layer "${wanted}" (Keras allows only letters, digits, _ . -); rename one of them`);
    } else {
      for (let i = 2; this.used.has(name) || this.nodeNames.has(name); i++) name = `${wanted}_${i}`;
    }
    this.used.add(name);
    this.layers.push({
      class_name: className,
      name,
      config: { name, trainable: true, dtype: 'float32', ...config },
      inbound_nodes: inputs.length ? [inputs.map((i) => [i, 0, 0, {}])] : [],
    });
    return name;
  }

  /** A weight of layer `layer`, named as Keras names it (`dense/kernel`). */
  weight(layer: string, weight: string, shape: number[], values: Float32Array): void {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== values.length) throw new ExportError(`internal: ${layer}/${weight} has ${values.length} values for shape [${shape.join(', ')}]`);
    this.weights.push({ name: `${layer}/${weight}`, shape, values });
  }
}

/** `values` (row-major with `shape`) with its axes reordered: output axis i is input axis perm[i]. */
export function transpose(values: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = inStrides[i + 1]! * shape[i + 1]!;
  const out = new Float32Array(values.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) src += index[i]! * inStrides[perm[i]!]!;
    out[o] = values[src]!;
    for (let i = rank - 1; i >= 0; i--) {
      if (++index[i]! < outShape[i]!) break;
      index[i] = 0;
    }
  }
  return out;
}

/** The float32 little-endian bytes of the weights, in manifest order (TF.js' weights file). */
export function weightsBinary(weights: readonly KerasWeight[]): Uint8Array {
  const total = weights.reduce((s, w) => s + w.values.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const w of weights) {
    for (const v of w.values) {
      view.setFloat32(at, v, true);
      at += 4;
    }
  }
  return bytes;
}
