import { ACTIVATIONS, ACTIVATION_LIST } from '../activations';
import { elementwiseKernel } from '../activations/elementwise-kernel';
import type { ActivationFn } from '../activations/types';
import type { NodeKind, ParamSpec, ParamValues } from '../types';

const FN_SPEC: ParamSpec = {
  kind: 'enum',
  default: 'relu',
  options: ACTIVATION_LIST.map((a) => a.fn),
  description: 'the activation function',
};

function actOf(params: ParamValues): ActivationFn {
  const a = ACTIVATIONS[params.fn as string];
  if (!a) throw new Error(`unknown activation fn ${JSON.stringify(params.fn)}`);
  return a;
}

/** One node type for every activation function; its params are `fn` plus that function's own. */
export const ActivationNode: NodeKind = {
  type: 'Activation',
  category: 'activation',
  title: 'Activation',
  explanation:
    'Bends the signal with a fixed function, applied to every value. Without activations between them, layers collapse into a single straight-line model.',
  inputs: [{ name: 'in', description: 'any tensor' }],
  outputs: [{ name: 'out', description: 'same shape (crelu doubles the last axis)' }],
  params: { fn: FN_SPEC },
  paramsFor(values) {
    const a = ACTIVATIONS[values.fn as string];
    return a ? { fn: FN_SPEC, ...a.params } : { fn: FN_SPEC };
  },
  inferShape({ params, inputs }) {
    const a = actOf(params);
    return { ok: true, shape: a.outputShape ? a.outputShape(inputs[0]!) : inputs[0]! };
  },
  paramTensors({ params, inputs }) {
    const a = actOf(params);
    return a.paramTensors ? a.paramTensors(inputs[0]!) : [];
  },
  createKernel(ctx) {
    const a = actOf(ctx.params);
    return a.createKernel ? a.createKernel(ctx) : elementwiseKernel(a, ctx);
  },
};
