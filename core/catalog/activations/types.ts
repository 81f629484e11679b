import type { Shape } from '../../util/tensor';
import type { Kernel, KernelContext, ParamSpec, ParamTensorSpec, ParamValues } from '../types';

/**
 * One activation function. Most are elementwise and only give `f` and `df`; the engine builds their
 * kernel. Those that are not (softmax mixes a row, crelu doubles it, prelu learns alpha) give their
 * own `createKernel`, and still give `f`/`df` of a scalar for the inspector's plot.
 */
export interface ActivationFn {
  fn: string;
  title: string;
  /** For learners: what it does and when it helps or hurts. */
  explanation: string;
  /** Params besides `fn` (e.g. `alpha`), with defaults. */
  params: Record<string, ParamSpec>;
  /** f(x) for one value (for softmax: the two-class view, softmax([x, 0])[0]). */
  f(x: number, p: ParamValues): number;
  /** f'(x) for one value; `y` is f(x), handy for sigmoid and tanh. */
  df(x: number, y: number, p: ParamValues): number;
  /** Output shape; identity when absent. */
  outputShape?(input: Shape): Shape;
  paramTensors?(input: Shape): ParamTensorSpec[];
  createKernel?(ctx: KernelContext): Kernel;
}
