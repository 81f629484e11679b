import type { ParamValues } from '../../catalog/types';
import type { Shape } from '../../util/tensor';
import type { Attributes } from './attributes';
import type { ConstTensor } from './tensor';

/**
 * What an ONNX value name stands for during import: a constant (initializer, Constant or folded),
 * the output of a NetLoom node with its per-sample shape (ONNX's shape minus the batch axis), or
 * nothing usable because an earlier node could not be imported.
 */
export type Value =
  | { kind: 'const'; tensor: ConstTensor }
  | { kind: 'live'; node: string; shape: Shape; flat?: FlatView }
  | { kind: 'poison' };

export type LiveValue = Extract<Value, { kind: 'live' }>;

/**
 * The same values without their trailing size-1 axes, already computed by another node. ONNX's
 * GlobalAveragePool keeps [C, 1, 1] where NetLoom's GlobalAvgPool gives [C]; the Flatten or Squeeze
 * that follows then reads the pooled node directly and the reshape back to [C, 1, 1] is pruned.
 */
export interface FlatView {
  node: string;
  shape: Shape;
}

/** A weight tensor for a NetLoom node, in NetLoom's layout. */
export interface WeightData {
  dims: number[];
  data: ArrayLike<number>;
}

export interface OnnxNodeView {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
}

/** What a mapper sees of the import: its node, its inputs, and the graph being built. */
export interface MapContext {
  node: OnnxNodeView;
  attrs: Attributes;
  /** The default-domain opset the model declares. */
  opset: number;
  /** The batch size when the model fixes it (many zoo files say 1), else null: a Reshape may name it. */
  fixedBatch: number | null;
  /** One per ONNX input; undefined for an omitted optional input (""). */
  inputs: (Value | undefined)[];
  /**
   * Add a NetLoom node fed by these live values (in port order), with its weights. Returns its output,
   * or a message when the node kind refuses the shapes or params.
   */
  emit(type: string, params: ParamValues, from: LiveValue[], weights?: Record<string, WeightData>): LiveValue | string;
  /** The params of a NetLoom node emitted earlier, for fusing (MatMul + Add → Dense with bias). */
  paramsOf(nodeId: string): { type: string; params: ParamValues } | undefined;
  /** A weight given to an emitted node (e.g. its bias `b`), when it has one. */
  weightOf(nodeId: string, param: string): WeightData | undefined;
  /** Change an emitted node's params and add weights to it. */
  update(nodeId: string, params: ParamValues, weights: Record<string, WeightData>): void;
  /** How many nodes (and graph outputs) read this ONNX value. */
  consumerCount(valueName: string): number;
  /** Whether this value is the model's output and nothing else reads it. */
  onlyGraphOutput(valueName: string): boolean;
  /**
   * How many ONNX nodes (and graph outputs) read the output of this NetLoom node, under any of the
   * value names it stands for (an Identity or Dropout passes it on under a new name): a fold may
   * change the node only when it is the one reader.
   */
  readersOfNode(nodeId: string): number;
}

/**
 * Maps one ONNX op onto NetLoom nodes. Returns the values of the node's outputs (constants for
 * outputs that carry nothing, e.g. Dropout's mask), or a sentence saying why this use of the op
 * cannot be imported (it is reported with the op type and node name).
 */
export type OpMapper = (ctx: MapContext) => Value[] | string;

/** Evaluates one op on constants at import time. Returns the outputs, or null when it cannot. */
export type ConstFolder = (inputs: (ConstTensor | undefined)[], attrs: Attributes, opset: number) => ConstTensor[] | string;
