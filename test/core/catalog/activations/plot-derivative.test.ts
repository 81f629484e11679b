/**
 * The inspector plots f and f' from the scalar `f`/`df`. These tests keep that plot honest: df must be
 * the slope of f, and f must be what the node's kernel really computes.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, ACTIVATION_LIST } from '../../../../core/catalog/activations';
import { ActivationNode } from '../../../../core/catalog/nodes/activation';
import { withDefaults } from '../../../../core/catalog/params';
import { runActivation } from './run-activation';

// Clear of every kink: 0 (ReLU family, step), ±3 (hard_sigmoid) and 6 (relu6).
const POINTS = [-7.3, -4.1, -2.5, -1.2, -0.7, -0.05, 0.04, 0.3, 1.1, 2.6, 4.4, 5.3, 6.8];
const H = 1e-5;

describe('scalar f and df behind the inspector plot', () => {
  it.each(ACTIVATION_LIST.map((a) => a.fn))("%s: df is the slope of f", (fn) => {
    const a = ACTIVATIONS[fn]!;
    const p = withDefaults(ActivationNode, { fn });
    for (const x of POINTS) {
      const numeric = (a.f(x + H, p) - a.f(x - H, p)) / (2 * H);
      const analytic = a.df(x, a.f(x, p), p);
      expect(Math.abs(analytic - numeric), `x = ${x}: df ${analytic}, slope of f ${numeric}`).toBeLessThan(1e-7 * (1 + Math.abs(numeric)));
    }
  });

  it.each(ACTIVATION_LIST.map((a) => a.fn))('%s: f is what the kernel computes', (fn) => {
    const a = ACTIVATIONS[fn]!;
    const p = withDefaults(ActivationNode, { fn });
    const fs = POINTS.map((x) => a.f(x, p));
    let kernelView: number[];
    if (fn === 'softmax' || fn === 'log_softmax') {
      // The plot's two-class view: softmax([x, 0])[0].
      const out = runActivation({ fn }, [2], POINTS.flatMap((x) => [x, 0])).output;
      kernelView = POINTS.map((_, i) => out[2 * i]!);
    } else if (fn === 'crelu') {
      // One feature per sample gives [relu(x), relu(-x)]; the plot shows the first half.
      const out = runActivation({ fn }, [1], POINTS).output;
      kernelView = POINTS.map((_, i) => out[2 * i]!);
    } else {
      kernelView = Array.from(runActivation({ fn }, [1], POINTS).output);
    }
    kernelView.forEach((k, i) => expect(Math.abs(k - fs[i]!), `x = ${POINTS[i]}`).toBeLessThan(1e-14));
  });
});
