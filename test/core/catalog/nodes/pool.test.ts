/** Max and average pooling (1D, 2D) and GlobalAvgPool: shapes, gradients on every path, plain-words errors. */
import { describe, expect, it } from 'vitest';
import { AvgPool1DNode } from '../../../../core/catalog/nodes/avg-pool1d';
import { AvgPool2DNode } from '../../../../core/catalog/nodes/avg-pool2d';
import { GlobalAvgPoolNode } from '../../../../core/catalog/nodes/global-avg-pool';
import { MaxPool1DNode } from '../../../../core/catalog/nodes/max-pool1d';
import { MaxPool2DNode } from '../../../../core/catalog/nodes/max-pool2d';
import { withDefaults } from '../../../../core/catalog/params';
import type { NodeKind } from '../../../../core/catalog/types';
import { checkOp } from '../../../helpers/gradcheck';
import { buildKernel } from './kernel-harness';

const dataset = { inputShape: [1, 8, 8], target: { kind: 'classes' as const, classes: 10 } };
const TOL = 1e-3;

const CASES: Array<{ kind: NodeKind; name: string; params: Record<string, unknown>; input: number[]; out: number[] }> = [
  { kind: MaxPool2DNode, name: 'max 2×2 (stride = window)', params: {}, input: [2, 4, 6], out: [2, 2, 3] },
  { kind: MaxPool2DNode, name: 'max 3×3 stride 1 (overlapping)', params: { poolSize: 3, stride: 1 }, input: [1, 5, 5], out: [1, 3, 3] },
  { kind: MaxPool2DNode, name: 'max 2×2 padding same on odd size', params: { padding: 'same' }, input: [2, 5, 5], out: [2, 3, 3] },
  { kind: MaxPool2DNode, name: 'max 3×3 stride 2 padding 1', params: { poolSize: 3, stride: 2, padding: 1 }, input: [1, 6, 6], out: [1, 3, 3] },
  { kind: AvgPool2DNode, name: 'avg 2×2', params: {}, input: [2, 4, 4], out: [2, 2, 2] },
  { kind: AvgPool2DNode, name: 'avg 3×3 stride 2 padding 1', params: { poolSize: 3, stride: 2, padding: 1 }, input: [1, 5, 5], out: [1, 3, 3] },
  { kind: AvgPool2DNode, name: 'avg padding same', params: { padding: 'same' }, input: [1, 5, 4], out: [1, 3, 2] },
  { kind: MaxPool1DNode, name: 'max 1D', params: {}, input: [2, 7], out: [2, 3] },
  { kind: MaxPool1DNode, name: 'max 1D stride 1 padding same', params: { poolSize: 3, stride: 1, padding: 'same' }, input: [2, 5], out: [2, 5] },
  { kind: AvgPool1DNode, name: 'avg 1D', params: { poolSize: 3 }, input: [2, 9], out: [2, 3] },
  { kind: AvgPool1DNode, name: 'avg 1D padding 1', params: { poolSize: 2, stride: 1, padding: 1 }, input: [2, 4], out: [2, 5] },
  // Ceil mode × stride × padding × divisor: every path through the window clipping.
  { kind: MaxPool2DNode, name: 'max 3×3 stride 2 ceil (partial last window)', params: { poolSize: 3, stride: 2, ceilMode: true }, input: [1, 6, 6], out: [1, 3, 3] },
  { kind: MaxPool2DNode, name: 'max 3×3 stride 2 padding 1 ceil', params: { poolSize: 3, stride: 2, padding: 1, ceilMode: true }, input: [1, 6, 7], out: [1, 4, 4] },
  { kind: MaxPool2DNode, name: 'max pads [0, 0, 1, 1] (Caffe)', params: { poolSize: 3, stride: 2, padding: [0, 0, 1, 1] }, input: [2, 6, 6], out: [2, 3, 3] },
  { kind: MaxPool1DNode, name: 'max 1D ceil stride 3', params: { poolSize: 2, stride: 3, ceilMode: true }, input: [2, 8], out: [2, 3] },
  { kind: MaxPool2DNode, name: 'max 2×2 dilation 2 stride 1', params: { poolSize: 2, stride: 1, dilation: 2 }, input: [2, 5, 5], out: [2, 3, 3] },
  { kind: MaxPool2DNode, name: 'max 3×3 dilation 2 stride 2 padding 1 ceil', params: { poolSize: 3, stride: 2, dilation: 2, padding: 1, ceilMode: true }, input: [1, 8, 7], out: [1, 4, 3] },
  { kind: MaxPool1DNode, name: 'max 1D dilation 3', params: { poolSize: 2, stride: 1, dilation: 3 }, input: [2, 7], out: [2, 4] },
  { kind: AvgPool2DNode, name: 'avg 2×2 dilation 2 padding 1 ceil, padding counted', params: { poolSize: 2, stride: 2, dilation: 2, padding: 1, ceilMode: true }, input: [1, 6, 7], out: [1, 4, 4] },
  { kind: AvgPool2DNode, name: 'avg 3×3 dilation 2 padding [2, 0, 1, 2] ceil, padding left out', params: { poolSize: 3, stride: 2, dilation: 2, padding: [2, 0, 1, 2], ceilMode: true, countIncludePad: false }, input: [1, 7, 6], out: [1, 4, 3] },
  { kind: AvgPool2DNode, name: 'avg 3×3 stride 2 ceil, padding counted', params: { poolSize: 3, stride: 2, ceilMode: true }, input: [1, 6, 6], out: [1, 3, 3] },
  { kind: AvgPool2DNode, name: 'avg 3×3 stride 2 ceil, padding left out', params: { poolSize: 3, stride: 2, ceilMode: true, countIncludePad: false }, input: [1, 6, 6], out: [1, 3, 3] },
  { kind: AvgPool2DNode, name: 'avg padding 1 ceil, padding counted', params: { poolSize: 3, stride: 2, padding: 1, ceilMode: true }, input: [1, 6, 7], out: [1, 4, 4] },
  { kind: AvgPool2DNode, name: 'avg padding 1 ceil, padding left out', params: { poolSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }, input: [1, 6, 7], out: [1, 4, 4] },
  { kind: AvgPool2DNode, name: 'avg pads [1, 0, 0, 2], padding left out', params: { poolSize: 3, stride: 2, padding: [1, 0, 0, 2], countIncludePad: false }, input: [1, 5, 5], out: [1, 2, 3] },
  { kind: AvgPool1DNode, name: 'avg 1D pads [2, 1] ceil, padding left out', params: { poolSize: 3, stride: 2, padding: [2, 1], ceilMode: true, countIncludePad: false }, input: [2, 7], out: [2, 5] },
  { kind: GlobalAvgPoolNode, name: 'global average of images', params: {}, input: [3, 2, 4], out: [3] },
  { kind: GlobalAvgPoolNode, name: 'global average of signals', params: {}, input: [2, 5], out: [2] },
];

describe('pooling', () => {
  it.each(CASES)('$name: shape and gradients', ({ kind, params, input, out }) => {
    const r = checkOp({ kind, params, inputs: [input], expectShape: out, batch: 2, dataset });
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
    expect(r.checked).toBeGreaterThan(10);
  });

  it('max pooling keeps the largest value; padding never wins', () => {
    const h = buildKernel(MaxPool2DNode, { params: { padding: 'same' }, inputs: [[1, 3, 3]], maxBatch: 1 });
    h.inputs[0]!.set([-1, -2, -3, -4, -5, -6, -7, -8, -9]);
    h.kernel.forward(1, true);
    // Windows [[-1,-2],[-4,-5]], [[-3],[-6]], [[-7,-8]], [[-9]]: a zero from padding would wrongly win.
    expect(Array.from(h.output)).toEqual([-1, -3, -7, -9]);
  });

  it('average pooling counts padding zeros in the divisor (PyTorch default)', () => {
    const h = buildKernel(AvgPool1DNode, { params: { poolSize: 2, stride: 1, padding: 1 }, inputs: [[1, 2]], maxBatch: 1 });
    h.inputs[0]!.set([4, 8]);
    h.kernel.forward(1, true);
    expect(Array.from(h.output)).toEqual([2, 6, 4]);
  });

  it('explains a window larger than the input', () => {
    const r = MaxPool2DNode.inferShape({ params: withDefaults(MaxPool2DNode, { poolSize: 4 }), inputs: [[6, 3, 3]], dataset });
    expect(!r.ok && r.message).toMatch(/pool window of 4 is larger than the padded input height 3/);
  });

  it.each([AvgPool2DNode, MaxPool1DNode, AvgPool1DNode])('$type explains what does not fit', (kind) => {
    const rank = kind.type.endsWith('2D') ? 2 : 1;
    const wrong = rank === 2 ? [[10]] : [[3, 8, 8]];
    const r = kind.inferShape({ params: withDefaults(kind, {}), inputs: wrong, dataset });
    expect(!r.ok && r.message).toMatch(rank === 2 ? /expects \[B, channels, height, width\], got \[B, 10\]/ : /expects \[B, channels, length\], got \[B, 3, 8, 8\]/);
  });

  it('refuses padding of more than half a window', () => {
    const r = MaxPool2DNode.inferShape({ params: withDefaults(MaxPool2DNode, { padding: 2 }), inputs: [[1, 8, 8]], dataset });
    expect(!r.ok && r.message).toMatch(/padding 2 is more than half the pool window \(2\)/);
  });

  it('ceil mode adds a partial last window but never one starting past the input (PyTorch\'s rule)', () => {
    // Length 5, window 2, stride 2: ⌈3 / 2⌉ + 1 = 3 windows, the last holding only x[4].
    const h = buildKernel(MaxPool1DNode, { params: { ceilMode: true }, inputs: [[1, 5]], maxBatch: 1 });
    h.inputs[0]!.set([1, 5, 2, 3, 9]);
    h.kernel.forward(1, true);
    expect(Array.from(h.output)).toEqual([5, 3, 9]);
    // Length 4, padding 1, window 2, stride 2: ⌈4 / 2⌉ + 1 = 4, but the 4th window would start in the end padding.
    const r = MaxPool1DNode.inferShape({ params: withDefaults(MaxPool1DNode, { padding: 1, ceilMode: true }), inputs: [[1, 4]], dataset });
    expect(r.ok && r.shape).toEqual([1, 3]);
  });

  it('average of a partial window: the clipped window, or the values inside (count_include_pad)', () => {
    // Length 5, padding 1 each side, window 3, stride 2, ceil: windows start at -1, 1, 3 (the last is [3, 4, pad]).
    for (const [countIncludePad, want] of [[true, [4 / 3, 9 / 3, 12 / 3]], [false, [4 / 2, 9 / 3, 12 / 2]]] as const) {
      const h = buildKernel(AvgPool1DNode, { params: { poolSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad }, inputs: [[1, 5]], maxBatch: 1 });
      h.inputs[0]!.set([1, 3, 2, 4, 8]);
      h.kernel.forward(1, true);
      Array.from(h.output).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
    }
    // No padding, ceil: the window past the end is cut at the input, so both divisors agree (2 values).
    const h = buildKernel(AvgPool1DNode, { params: { poolSize: 3, stride: 2, ceilMode: true }, inputs: [[1, 4]], maxBatch: 1 });
    h.inputs[0]!.set([1, 3, 2, 4]);
    h.kernel.forward(1, true);
    expect(Array.from(h.output)).toEqual([2, 3]);
  });

  it('a dilated average divides by the taps it holds (ONNX\'s AveragePool dilations)', () => {
    // Length 5, window 2, dilation 3, padding 1 each side: windows start at -1 (taps -1, 2) and 1 (taps 1, 4).
    for (const [countIncludePad, want] of [[true, [3 / 2, (5 + 9) / 2]], [false, [3 / 1, (5 + 9) / 2]]] as const) {
      const h = buildKernel(AvgPool1DNode, { params: { poolSize: 2, stride: 2, dilation: 3, padding: 1, countIncludePad }, inputs: [[1, 5]], maxBatch: 1 });
      h.inputs[0]!.set([1, 5, 3, 7, 9]);
      h.kernel.forward(1, true);
      expect(Array.from(h.output)).toEqual(want);
    }
  });

  it('refuses a dilated window that falls only on padding', () => {
    // Length 1, padding 1 each side, window 2, dilation 2: the taps are at -1 and 1, both padding.
    const r = MaxPool1DNode.inferShape({ params: withDefaults(MaxPool1DNode, { poolSize: 2, stride: 1, dilation: 2, padding: 1 }), inputs: [[1, 1]], dataset });
    expect(!r.ok && r.message).toMatch(/with dilation 2 a pool window \(number 1\) falls only on padding/);
  });

  it('explains a per-side padding list of the wrong length or of a whole window', () => {
    let r = MaxPool2DNode.inferShape({ params: withDefaults(MaxPool2DNode, { padding: [1, 1] }), inputs: [[1, 8, 8]], dataset });
    expect(!r.ok && r.message).toMatch(/padding \[1, 1\] should list 4 numbers, \[top, left, bottom, right\]/);
    r = MaxPool2DNode.inferShape({ params: withDefaults(MaxPool2DNode, { poolSize: 3, padding: [0, 0, 3, 0] }), inputs: [[1, 8, 8]], dataset });
    expect(!r.ok && r.message).toMatch(/has a side of a whole pool window \(3\) or more/);
  });

  it('GlobalAvgPool explains a flat input', () => {
    const r = GlobalAvgPoolNode.inferShape({ params: {}, inputs: [[16]], dataset });
    expect(!r.ok && r.message).toMatch(/needs \[B, C, L\] or \[B, C, H, W\], got \[B, 16\]/);
  });
});
