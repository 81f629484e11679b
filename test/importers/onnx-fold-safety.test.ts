import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../core/importers/onnx';
import { compileForPrediction, predict } from '../../core/inference/predict';
import { onnx, DataType } from '../../core/onnx/proto';
import { encodeSafetensors } from '../../core/weights';

/**
 * A constant folded into the layer before it (Add into the bias, Mul into the weights) must never
 * change what another reader of that layer sees — also when the reader gets the value under another
 * name, through an Identity. y = x·W; out = y + Identity(y)·2 + 1: the fold would be wrong here.
 */
const W = [0.5, -1, 2, 0.25, 1.5, -0.75];
function model(): Uint8Array {
  const tensor = (name: string, dims: number[], data: number[]) => ({ name, dims, dataType: DataType.FLOAT, floatData: data });
  const info = (name: string, dims: (number | string)[]) => ({
    name, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });
  const node = (opType: string, input: string[], output: string[], name: string) => ({ opType, input, output, name });
  const graph = {
    name: 'fold-safety',
    node: [
      node('MatMul', ['x', 'W'], ['y'], 'fc'),
      node('Identity', ['y'], ['y_copy'], 'copy'),
      node('Mul', ['y_copy', 'two'], ['scaled'], 'scale'),
      node('Add', ['scaled', 'one'], ['shifted'], 'shift'),
      node('Add', ['y', 'shifted'], ['out'], 'join'),
    ],
    initializer: [tensor('W', [2, 3], W), tensor('two', [], [2]), tensor('one', [], [1])],
    input: [info('x', ['N', 2])],
    output: [info('out', ['N', 3])],
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 13 }], graph })).finish();
}

describe('ONNX import: folds into a layer read elsewhere', () => {
  it('a Mul or Add of a constant is not folded into a Dense that another node reads (through an Identity)', () => {
    const r = importOnnx(model());
    if (r.ok) {
      const x = { shape: [2, 2], dtype: 'f4', data: Float64Array.from([1, 2, -3, 0.5]) };
      const got = predict(compileForPrediction(r.graph), r.graph, x, encodeSafetensors(r.weights));
      const want: number[] = [];
      for (let n = 0; n < 2; n++) {
        for (let j = 0; j < 3; j++) {
          const y = x.data[n * 2]! * W[j]! + x.data[n * 2 + 1]! * W[3 + j]!;
          want.push(y + (y * 2 + 1));
        }
      }
      expect(Array.from(got.data).map((v) => Number(v.toFixed(5)))).toEqual(want.map((v) => Number(v.toFixed(5))));
    } else {
      expect(r.problems.map((p) => p.message).join('\n')).toMatch(/Mul \(node "scale"\): multiplying by a constant is only supported right after/);
    }
  });
});
