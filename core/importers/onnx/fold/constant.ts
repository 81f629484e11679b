import { DataType } from '../../../onnx/proto';
import type { Attributes } from '../attributes';
import { constTensor, type ConstTensor } from '../tensor';

/** The value of a Constant node, in any of its attribute forms (value, value_float(s), value_int(s)). */
export function constantValue(attrs: Attributes): ConstTensor | string {
  const t = attrs.tensor('value');
  if (t) return t;
  if (attrs.has('value_float')) return constTensor([], [attrs.float('value_float', 0)], DataType.FLOAT);
  if (attrs.has('value_floats')) {
    const v = attrs.floats('value_floats')!;
    return constTensor([v.length], v, DataType.FLOAT);
  }
  if (attrs.has('value_int')) return constTensor([], [attrs.int('value_int', 0)], DataType.INT64);
  if (attrs.has('value_ints')) {
    const v = attrs.ints('value_ints')!;
    return constTensor([v.length], v, DataType.INT64);
  }
  return `has no value NetLoom reads (attributes: ${attrs.names().join(', ') || 'none'})`;
}
