/** Conv2D and Conv1D: every param that changes the code path, checked against finite differences. */
import { describe, expect, it } from 'vitest';
import { Conv1DNode } from '../../../../core/catalog/nodes/conv1d';
import { Conv2DNode } from '../../../../core/catalog/nodes/conv2d';
import { withDefaults } from '../../../../core/catalog/params';
import { checkOp } from '../../../helpers/gradcheck';
import { buildKernel } from './kernel-harness';

const dataset = { inputShape: [1, 8, 8], target: { kind: 'classes' as const, classes: 10 } };
const TOL = 1e-3;

const CASES_2D: Array<{ name: string; params: Record<string, unknown>; input: number[]; out: number[] }> = [
  { name: 'defaults (3×3, valid)', params: { filters: 3 }, input: [2, 5, 6], out: [3, 3, 4] },
  { name: 'stride 2', params: { filters: 2, stride: 2 }, input: [2, 7, 6], out: [2, 3, 2] },
  { name: 'padding same', params: { filters: 2, padding: 'same' }, input: [2, 5, 4], out: [2, 5, 4] },
  { name: 'padding same with stride 2 (uneven zeros)', params: { filters: 2, padding: 'same', stride: 2, kernelSize: 2 }, input: [1, 5, 6], out: [2, 3, 3] },
  { name: 'explicit padding 1', params: { filters: 2, padding: 1 }, input: [1, 4, 4], out: [2, 4, 4] },
  { name: 'dilation 2', params: { filters: 2, dilation: 2 }, input: [2, 6, 7], out: [2, 2, 3] },
  { name: 'groups 2', params: { filters: 4, groups: 2 }, input: [4, 4, 5], out: [4, 2, 3] },
  { name: 'depthwise (groups = channels)', params: { filters: 3, groups: 3, kernelSize: 2 }, input: [3, 3, 3], out: [3, 2, 2] },
  { name: 'no bias, 1×1 kernel', params: { filters: 3, kernelSize: 1, bias: false }, input: [2, 3, 3], out: [3, 3, 3] },
];

describe('Conv2D', () => {
  it.each(CASES_2D)('$name: shape and gradients', ({ params, input, out }) => {
    const r = checkOp({ kind: Conv2DNode, params, inputs: [input], expectShape: out, batch: 2, dataset });
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
    expect(r.checked).toBeGreaterThan(20);
  });

  it('computes a known cross-correlation (no flip), as PyTorch does', () => {
    // One 2×2 filter [[1, 2], [3, 4]] over [[1, 2, 3], [4, 5, 6], [7, 8, 9]]: top-left = 1 + 4 + 12 + 20 = 37.
    const h = buildKernel(Conv2DNode, { params: { filters: 1, kernelSize: 2, bias: false }, inputs: [[1, 3, 3]], maxBatch: 1 });
    h.inputs[0]!.set([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    h.params[0]!.set([1, 2, 3, 4]);
    h.kernel.forward(1, true);
    expect(Array.from(h.output)).toEqual([37, 47, 67, 77]);
  });

  it('weights use PyTorch\'s layout [filters, channels / groups, kh, kw]', () => {
    const params = withDefaults(Conv2DNode, { filters: 6, groups: 2, kernelSize: 5 });
    const specs = Conv2DNode.paramTensors({ params, inputs: [[4, 28, 28]], output: [6, 24, 24] });
    expect(specs.map((s) => [s.name, s.shape])).toEqual([['W', [6, 2, 5, 5]], ['b', [6]]]);
  });

  it('explains a kernel larger than its padded input', () => {
    const r = Conv2DNode.inferShape({ params: withDefaults(Conv2DNode, { kernelSize: 5 }), inputs: [[1, 3, 3]], dataset });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/kernel of 5 is larger than the padded input height 3/);
  });

  it('explains channels that do not divide into groups', () => {
    const r = Conv2DNode.inferShape({ params: withDefaults(Conv2DNode, { groups: 2, filters: 4 }), inputs: [[3, 8, 8]], dataset });
    expect(!r.ok && r.message).toMatch(/3 input channels, which cannot be split into 2 equal groups/);
  });

  it('explains a flat input and how to make it an image', () => {
    const r = Conv2DNode.inferShape({ params: withDefaults(Conv2DNode, {}), inputs: [[784]], dataset });
    expect(!r.ok && r.message).toMatch(/expects \[B, channels, height, width\], got \[B, 784\].*layout "image".*Reshape/);
  });
});

describe('Conv1D', () => {
  it.each([
    { name: 'defaults', params: { filters: 2 }, input: [2, 7], out: [2, 5] },
    { name: 'stride 2, padding same', params: { filters: 2, stride: 2, padding: 'same' }, input: [2, 7], out: [2, 4] },
    { name: 'dilation 2, explicit padding 2', params: { filters: 3, dilation: 2, padding: 2 }, input: [1, 6], out: [3, 6] },
    { name: 'groups 2, no bias', params: { filters: 2, groups: 2, bias: false }, input: [2, 5], out: [2, 3] },
  ])('$name: shape and gradients', ({ params, input, out }) => {
    const r = checkOp({ kind: Conv1DNode, params, inputs: [input], expectShape: out, batch: 2, dataset });
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('weights are [filters, channels / groups, k]', () => {
    const params = withDefaults(Conv1DNode, { filters: 4, kernelSize: 3 });
    expect(Conv1DNode.paramTensors({ params, inputs: [[2, 10]], output: [4, 8] })[0]!.shape).toEqual([4, 2, 3]);
  });

  it('explains an image fed to a 1D convolution', () => {
    const r = Conv1DNode.inferShape({ params: withDefaults(Conv1DNode, {}), inputs: [[1, 28, 28]], dataset });
    expect(!r.ok && r.message).toMatch(/expects \[B, channels, length\].*use the 2D version/);
  });

  it('explains a kernel longer than the signal', () => {
    const r = Conv1DNode.inferShape({ params: withDefaults(Conv1DNode, { kernelSize: 4, dilation: 3 }), inputs: [[1, 8]], dataset });
    expect(!r.ok && r.message).toMatch(/kernel of 10 \(size 4 with dilation 3\) is larger than the padded input length 8/);
  });
});
