import type { DatasetInfo, ParamTensorSpec, ParamValues } from '../catalog/types';
import type { Shape } from '../util/tensor';

/**
 * A compiled graph: an ordered list of ops over numbered tensors. Plain data (JSON-serialisable), so it
 * can be printed by `netloom compile`, sent to a worker, and instantiated by an Executor.
 */
export interface Plan {
  planVersion: 1;
  name: string;
  /** Largest batch the buffers are sized for. */
  batchSize: number;
  dataset: DatasetInfo;
  tensors: PlanTensor[];
  params: PlanParam[];
  ops: PlanOp[];
  /** The tensor the trainer writes each batch of inputs into. */
  inputTensor: number;
  /** The tensor fed to the loss as written in the graph (softmax output even when the loss is fused). */
  predictionTensor: number;
  /** −1 for an inference-only plan (a graph without a Loss): it can predict, not train. */
  lossTensor: number;
  /** What the loss needs as target per row, and how dataset targets are encoded into it. */
  target: { size: number; encoding: 'one-hot' | 'value' };
  task: 'classification' | 'regression';
  /** How to read the prediction tensor as class scores / probability. */
  prediction: 'probability' | 'logit' | 'scores' | 'value';
  /** `none` for an inference-only plan. */
  lossFn: string;
}

export interface PlanTensor {
  id: number;
  /** Producing node id. */
  node: string;
  shape: Shape;
  /** Elements per sample (1 for the loss, which is not per sample). */
  size: number;
  perSample: boolean;
  /** Whether backward writes a gradient for it. */
  needsGrad: boolean;
}

export interface PlanParam extends ParamTensorSpec {
  id: number;
  node: string;
  size: number;
}

export interface PlanOp {
  node: string;
  type: string;
  params: ParamValues;
  inputs: number[];
  output: number;
  /** Indices into Plan.params. */
  paramIds: number[];
  backward: boolean;
  attrs: Record<string, unknown>;
}
