/**
 * Pools an exporter's target cannot express are refused with a message naming the node, never written
 * as something that computes other numbers (the parity suites check everything that is written).
 */
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../../core/exporters/onnx';
import { exportPytorch } from '../../core/exporters/pytorch';
import { chainGraph } from './helpers/graphs';

const shapes = { dataset: { name: 'shapes', samples: 240, noise: 0.1, validationSplit: 0.2 } };
const withPool = (params: Record<string, unknown>, type = 'AvgPool2D') => chainGraph('pool refusal', [
  ['p', type, params], ['gap', 'GlobalAvgPool'], ['out', 'Dense', { units: 4 }], ['sm', 'Activation', { fn: 'softmax' }],
], { fn: 'cross_entropy' }, shapes);

describe('pool export refusals', () => {
  it('PyTorch and ONNX (opset 17) have no dilated average pool', () => {
    const g = withPool({ poolSize: 2, stride: 2, dilation: 2 });
    expect(() => exportPytorch(g)).toThrow(/node "p" \(AvgPool2D\): PyTorch's average pools have no dilation/);
    expect(() => exportOnnx(g)).toThrow(/node "p" \(AvgPool2D\): ONNX AveragePool takes dilations from opset 19 only/);
    // A dilated max pool is fine in both.
    expect(() => exportPytorch(withPool({ poolSize: 2, stride: 2, dilation: 2 }, 'MaxPool2D'))).not.toThrow();
    expect(() => exportOnnx(withPool({ poolSize: 2, stride: 2, dilation: 2 }, 'MaxPool2D'))).not.toThrow();
  });

  it('PyTorch: uneven padding with the padding left out of the divisor', () => {
    expect(() => exportPytorch(withPool({ poolSize: 3, stride: 2, padding: [0, 0, 1, 1], countIncludePad: false }))).toThrow(/node "p" \(AvgPool2D\).*count_include_pad=False cannot leave out/);
  });

  it('PyTorch: uneven padding where ceil mode would then add a window', () => {
    // The shapes images are 16×16. Pads [0, 0, 1, 1], window 3, stride 2, ceil: NetLoom ⌈14/2⌉ + 1 = 8
    // windows; PyTorch on the pre-padded 17 also 8: the same windows, so it is exported.
    expect(() => exportPytorch(withPool({ poolSize: 3, stride: 2, padding: [0, 0, 1, 1], ceilMode: true }, 'MaxPool2D'))).not.toThrow();
    // pads [0, 0, 2, 2], window 3, stride 2 on 16: NetLoom ⌈15/2⌉+1 = 9, less the one starting at 16 (in the
    // end padding) = 8; pre-padded 18 → 9 windows: refused.
    expect(() => exportPytorch(withPool({ poolSize: 3, stride: 2, padding: [0, 0, 2, 2], ceilMode: true }, 'MaxPool2D'))).toThrow(/node "p" \(MaxPool2D\).*ceil_mode would then add a window that starts in the end padding/);
  });
});
