/**
 * A gradient check that cannot fail proves nothing. These fakes have deliberately broken gradients and
 * checkOp must flag them, through the same path the real activations take.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../../core/catalog/activations';
import { elementwiseKernel } from '../../../../core/catalog/activations/elementwise-kernel';
import type { ActivationFn } from '../../../../core/catalog/activations/types';
import { ActivationNode } from '../../../../core/catalog/nodes/activation';
import type { Kernel, KernelContext, NodeKind } from '../../../../core/catalog/types';
import { checkOp } from '../../../helpers/gradcheck';

/** A one-function Activation-like node, so a fake fn never has to enter the real registry. */
function fakeNode(createKernel: (ctx: KernelContext) => Kernel, paramTensors: NodeKind['paramTensors'] = () => []): NodeKind {
  return {
    type: 'FakeActivation',
    category: 'activation',
    title: 'Fake activation',
    explanation: 'test double',
    inputs: [{ name: 'in', description: 'any tensor' }],
    outputs: [{ name: 'out', description: 'same shape' }],
    params: {},
    inferShape: ({ inputs }) => ({ ok: true, shape: inputs[0]! }),
    paramTensors,
    createKernel,
  };
}

const square = (df: ActivationFn['df']): ActivationFn => ({
  fn: 'square', title: 'Square', explanation: 'x²', params: {}, f: (x) => x * x, df,
});

describe('checkOp catches wrong gradients', () => {
  it('passes a correct elementwise derivative (the control)', () => {
    const act = square((x) => 2 * x);
    const r = checkOp({ kind: fakeNode((ctx) => elementwiseKernel(act, ctx)), inputs: [[5]], reference: ([x]) => Array.from(x!, (v) => v * v) });
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(1e-3);
  });

  it('fails a wrong elementwise derivative', () => {
    const act = square((x) => 3 * x);
    const r = checkOp({ kind: fakeNode((ctx) => elementwiseKernel(act, ctx)), inputs: [[5]] });
    // |3x - 2x| / (|3x| + |2x|) = 0.2 for every x.
    expect(r.maxRelError).toBeGreaterThan(0.1);
    expect(r.worst).toMatch(/^input 0/);
  });

  it('fails a kernel that drops the trainable-parameter gradient', () => {
    // prelu's real kernel, except backward forgets dAlpha.
    const prelu = ACTIVATIONS.prelu!;
    const node = fakeNode(
      (ctx) => {
        const inner = prelu.createKernel!(ctx);
        return { forward: inner.forward, backward: () => { /* no gradient at all */ } };
      },
      ({ inputs }) => prelu.paramTensors!(inputs[0]!),
    );
    const r = checkOp({ kind: node, inputs: [[5]] });
    expect(r.maxRelError).toBeGreaterThan(0.1);
    // And the real one, through the real node, passes.
    const ok = checkOp({ kind: ActivationNode, params: { fn: 'prelu' }, inputs: [[5]] });
    expect(ok.maxRelError, ok.worst).toBeLessThan(1e-3);
  });

  it("fails a softmax whose backward ignores the coupling between a row's outputs", () => {
    // The elementwise y(1 - y) is only the diagonal of softmax's Jacobian: a classic mistake.
    const softmax = ACTIVATIONS.softmax!;
    const node = fakeNode((ctx) => {
      const inner = softmax.createKernel!(ctx);
      const { output: Y, dOutput: dY, dInputs: [dX] } = ctx.buffers;
      return {
        forward: inner.forward,
        backward(n) {
          for (let i = 0; i < n * 4; i++) dX![i] += Y[i]! * (1 - Y[i]!) * dY[i]!;
        },
      };
    });
    const r = checkOp({ kind: node, inputs: [[4]] });
    expect(r.maxRelError).toBeGreaterThan(0.1);
  });

  it('reports a forward that disagrees with the reference', () => {
    const act = square((x) => 2 * x);
    const r = checkOp({ kind: fakeNode((ctx) => elementwiseKernel(act, ctx)), inputs: [[5]], reference: ([x]) => Array.from(x!, (v) => v * v + 0.5) });
    expect(r.forwardMaxDiff).toBeCloseTo(0.5, 12);
  });
});
