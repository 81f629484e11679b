import type { OpMapper } from '../values';
import { fullShape, liveInput, onnxAxis } from './util';

/**
 * Softmax → Activation softmax, which works on the last axis. From opset 13 the op normalises along
 * `axis` (default −1); before, it flattened the input to 2-D at `axis` (default 1) and normalised each
 * row, so it is a last-axis softmax only when `axis` is the last axis.
 */
function lastAxis(fn: 'softmax' | 'log_softmax'): OpMapper {
  return (ctx) => {
  const x = liveInput(ctx, 0);
  if (!x) return 'needs a computed input';
  const axis = onnxAxis(ctx.attrs.int('axis', ctx.opset >= 13 ? -1 : 1), x);
  const last = x.shape.length;
  if (axis !== last) {
    const how = ctx.opset >= 13 ? `along axis ${axis}` : `over axes ${axis}… flattened together (opset ${ctx.opset} semantics)`;
    return `${fn} ${how} of ${fullShape(x)} is not over the last axis alone, which is what NetLoom's softmax normalises`;
  }
  const out = ctx.emit('Activation', { fn }, [x]);
  return typeof out === 'string' ? out : [out];
  };
}

export const softmax = lastAxis('softmax');
/** LogSoftmax: the same axis rules as Softmax in every opset. */
export const logSoftmax = lastAxis('log_softmax');
