import { describe, expect, it } from 'vitest';
import { DenseNode } from '../../../core/catalog/nodes/dense';
import { LossNode } from '../../../core/catalog/nodes/loss';
import { checkOp } from '../../helpers/gradcheck';

const TOL = 1e-3;

describe('Dense', () => {
  it('matches x·W + b and its gradients', () => {
    const r = checkOp({
      kind: DenseNode,
      params: { units: 4 },
      inputs: [[3]],
      expectShape: [4],
      reference: ([x], [W, b], n) => {
        const y = new Float64Array(n * 4);
        for (let i = 0; i < n; i++) for (let j = 0; j < 4; j++) {
          let s = b![j]!;
          for (let k = 0; k < 3; k++) s += x![i * 3 + k]! * W![k * 4 + j]!;
          y[i * 4 + j] = s;
        }
        return y;
      },
    });
    expect(r.outputShape).toEqual([4]);
    expect(r.forwardMaxDiff).toBeLessThan(1e-12);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });

  it('applies per position on a sequence and without bias', () => {
    const r = checkOp({ kind: DenseNode, params: { units: 2, bias: false }, inputs: [[4, 3]] });
    expect(r.outputShape).toEqual([4, 2]);
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });
});

describe('Loss', () => {
  const binary = { inputShape: [2], target: { kind: 'binary' as const } };
  const classes = { inputShape: [2], target: { kind: 'classes' as const, classes: 4 } };
  const oneHot = (rng: { int(n: number): number }, n: number, size: number) => {
    const t = new Array<number>(n * size).fill(0);
    for (let i = 0; i < n; i++) t[i * size + rng.int(size)] = 1;
    return t;
  };
  const bits = (rng: { int(n: number): number }, n: number) => Array.from({ length: n }, () => rng.int(2));

  it.each(['mse', 'mae'])('%s gradient', (fn) => {
    const r = checkOp({ kind: LossNode, params: { fn }, inputs: [[4]], dataset: classes, target: oneHot });
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });
  it('bce gradient on probabilities', () => {
    const r = checkOp({ kind: LossNode, params: { fn: 'bce' }, inputs: [[1]], dataset: binary, target: bits, inputRange: [0.05, 0.95] });
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });
  it('bce_logits gradient', () => {
    const r = checkOp({ kind: LossNode, params: { fn: 'bce_logits' }, inputs: [[1]], dataset: binary, target: bits, inputRange: [-4, 4] });
    expect(r.maxRelError, r.worst).toBeLessThan(TOL);
  });
  it('cross_entropy on logits (fused softmax) and on probabilities', () => {
    const fused = checkOp({ kind: LossNode, params: { fn: 'cross_entropy', logits: true }, inputs: [[4]], dataset: classes, target: oneHot });
    expect(fused.maxRelError, fused.worst).toBeLessThan(TOL);
    const probs = checkOp({ kind: LossNode, params: { fn: 'cross_entropy' }, inputs: [[4]], dataset: classes, target: oneHot, inputRange: [0.05, 1] });
    expect(probs.maxRelError, probs.worst).toBeLessThan(TOL);
  });
  it('refuses bce on a 10-class dataset, naming both', () => {
    const r = LossNode.inferShape({ params: { fn: 'bce', logits: false }, inputs: [[10]], dataset: { inputShape: [784], target: { kind: 'classes', classes: 10 } } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/binary target.*10 classes/);
  });
});
