import type { ParamValues } from '../../catalog/types';
import { float, int, type OnnxGraphBuilder } from './graph-builder';

// The same constants as core/catalog/activations (SELU from Klambauer et al., GELU's tanh approximation).
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_K = 0.044715;

/**
 * One activation as ONNX ops on value `x`; returns the output name. Functions ONNX has are used as is;
 * the others are decomposed into primitive ops with the formula NetLoom computes:
 *   step  = Cast(x > 0)                 gelu = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
 *   relu6 = Clip(x, 0, 6)               silu = x·sigmoid(x)      mish = x·tanh(softplus(x))
 *   crelu = Concat(relu(x), relu(−x))   prelu = PRelu(x, alpha[d]) (alpha broadcasts on the last axis)
 */
export function emitActivation(g: OnnxGraphBuilder, id: string, fn: string, params: ParamValues, x: string, alpha?: string): string {
  const out = `${id}/${fn}`;
  switch (fn) {
    case 'linear': return g.op('Identity', [x], out);
    case 'step': return g.op('Cast', [g.op('Greater', [x, g.scalar(`${id}/zero`, 0)], `${id}/positive`)], out, { to: int(1) });
    case 'sigmoid': return g.op('Sigmoid', [x], out);
    // ONNX HardSigmoid is max(0, min(1, alpha·x + beta)); NetLoom's is relu6(x + 3)/6, i.e. alpha 1/6, beta 0.5.
    case 'hard_sigmoid': return g.op('HardSigmoid', [x], out, { alpha: float(1 / 6), beta: float(0.5) });
    case 'tanh': return g.op('Tanh', [x], out);
    case 'softsign': return g.op('Softsign', [x], out);
    case 'relu': return g.op('Relu', [x], out);
    case 'leaky_relu': return g.op('LeakyRelu', [x], out, { alpha: float(params.alpha as number) });
    case 'prelu': return g.op('PRelu', [x, alpha!], out);
    case 'relu6': return g.op('Clip', [x, g.scalar(`${id}/min`, 0), g.scalar(`${id}/max`, 6)], out);
    case 'crelu': {
      const negative = g.op('Relu', [g.op('Neg', [x], `${id}/minus_x`)], `${id}/negative_part`);
      return g.op('Concat', [g.op('Relu', [x], `${id}/positive_part`), negative], out, { axis: int(-1) });
    }
    case 'elu': return g.op('Elu', [x], out, { alpha: float(params.alpha as number) });
    case 'selu': return g.op('Selu', [x], out, { alpha: float(SELU_ALPHA), gamma: float(SELU_SCALE) });
    case 'softplus': return g.op('Softplus', [x], out);
    case 'gelu': {
      const cube = g.op('Mul', [g.op('Mul', [x, x], `${id}/x2`), x], `${id}/x3`);
      const inner = g.op('Add', [x, g.op('Mul', [cube, g.scalar(`${id}/k`, GELU_K)], `${id}/kx3`)], `${id}/inner`);
      const t = g.op('Tanh', [g.op('Mul', [inner, g.scalar(`${id}/c`, GELU_C)], `${id}/scaled`)], `${id}/tanh`);
      const onePlus = g.op('Add', [t, g.scalar(`${id}/one`, 1)], `${id}/one_plus_tanh`);
      return g.op('Mul', [g.op('Mul', [x, g.scalar(`${id}/half`, 0.5)], `${id}/half_x`), onePlus], out);
    }
    case 'gelu_erf': {
      // x·Φ(x) = x·½·(1 + erf(x/√2)), as torch.onnx.export writes nn.GELU() (the importer fuses it back).
      const e = g.op('Erf', [g.op('Div', [x, g.scalar(`${id}/sqrt2`, Math.SQRT2)], `${id}/scaled`)], `${id}/erf`);
      const onePlus = g.op('Add', [e, g.scalar(`${id}/one`, 1)], `${id}/one_plus_erf`);
      return g.op('Mul', [g.op('Mul', [x, onePlus], `${id}/x_times`), g.scalar(`${id}/half`, 0.5)], out);
    }
    case 'silu': return g.op('Mul', [x, g.op('Sigmoid', [x], `${id}/sigmoid`)], out);
    case 'mish': return g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x], `${id}/softplus`)], `${id}/tanh`)], out);
    case 'softmax': return g.op('Softmax', [x], out, { axis: int(-1) });
    case 'log_softmax': return g.op('LogSoftmax', [x], out, { axis: int(-1) });
    default: throw new Error(`the ONNX exporter does not know activation "${fn}"`);
  }
}
