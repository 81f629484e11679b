import type { ParamValues } from '../../catalog/types';
import type { Shape } from '../../util/tensor';
import { pyFloat } from '../python/identifiers';

/** How one activation fn is written in PyTorch: a module expression, and the custom class it needs. */
export interface TorchActivation {
  module: string;
  customClass?: 'Step' | 'CReLU' | 'LastAxisPReLU';
}

const lastAxis = (shape: Shape) => (shape.length > 0 ? shape[shape.length - 1]! : 1);

/** Every fn in core/catalog/activations; each is the same formula NetLoom computes. */
export function torchActivation(fn: string, params: ParamValues, input: Shape): TorchActivation {
  switch (fn) {
    case 'linear': return { module: 'nn.Identity()' };
    case 'step': return { module: 'Step()', customClass: 'Step' };
    case 'sigmoid': return { module: 'nn.Sigmoid()' };
    // NetLoom's hard sigmoid is relu6(x + 3) / 6, exactly nn.Hardsigmoid.
    case 'hard_sigmoid': return { module: 'nn.Hardsigmoid()' };
    case 'tanh': return { module: 'nn.Tanh()' };
    case 'softsign': return { module: 'nn.Softsign()' };
    case 'relu': return { module: 'nn.ReLU()' };
    case 'leaky_relu': return { module: `nn.LeakyReLU(negative_slope=${pyFloat(params.alpha as number)})` };
    case 'prelu': return { module: `LastAxisPReLU(${lastAxis(input)})`, customClass: 'LastAxisPReLU' };
    case 'relu6': return { module: 'nn.ReLU6()' };
    case 'crelu': return { module: 'CReLU()', customClass: 'CReLU' };
    case 'elu': return { module: `nn.ELU(alpha=${pyFloat(params.alpha as number)})` };
    case 'selu': return { module: 'nn.SELU()' };
    case 'softplus': return { module: 'nn.Softplus()' };
    case 'gelu': return { module: 'nn.GELU(approximate="tanh")' };
    case 'gelu_erf': return { module: 'nn.GELU()' };
    case 'silu': return { module: 'nn.SiLU()' };
    case 'mish': return { module: 'nn.Mish()' };
    case 'softmax': return { module: 'nn.Softmax(dim=-1)' };
    case 'log_softmax': return { module: 'nn.LogSoftmax(dim=-1)' };
    default: throw new Error(`the PyTorch exporter does not know activation "${fn}"`);
  }
}
